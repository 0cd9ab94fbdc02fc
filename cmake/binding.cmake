# The gSOAP binding generated from wsdl/ (see scripts/regenerate).
#
# By default the committed generated/ is compiled, so building needs only
# gSOAP's runtime library (libgsoap-dev). With -DMKTOWS_REGENERATE=ON the
# binding is regenerated into the build tree whenever the WSDL, the type map
# or the env/custom headers change.

set(MKTOWS_BINDING_INPUTS
  ${PROJECT_SOURCE_DIR}/wsdl/mktows-2_7.wsdl
  ${PROJECT_SOURCE_DIR}/wsdl/typemap.dat
  ${PROJECT_SOURCE_DIR}/wsdl/nillable.h
  ${PROJECT_SOURCE_DIR}/wsdl/env.h
  ${PROJECT_SOURCE_DIR}/scripts/regenerate)

set(MKTOWS_BINDING_FILES
  envC.cpp envH.h envStub.h
  mktows_gsoapC.cpp mktows_gsoapH.h mktows_gsoapStub.h
  mktows_gsoapMktowsApiSoapBindingProxy.cpp mktows_gsoapMktowsApiSoapBindingProxy.h
  mktows_gsoapMktowsApiSoapBindingService.cpp mktows_gsoapMktowsApiSoapBindingService.h)

if(MKTOWS_REGENERATE)
  find_program(WSDL2H wsdl2h REQUIRED)
  find_program(SOAPCPP2 soapcpp2 REQUIRED)
  set(MKTOWS_GENERATED_DIR ${PROJECT_BINARY_DIR}/generated)
  set(_outputs)
  foreach(f IN LISTS MKTOWS_BINDING_FILES)
    list(APPEND _outputs ${MKTOWS_GENERATED_DIR}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${_outputs}
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/regenerate ${MKTOWS_GENERATED_DIR}
    DEPENDS ${MKTOWS_BINDING_INPUTS}
    COMMENT "Regenerating the gSOAP binding from wsdl/"
    VERBATIM)
else()
  set(MKTOWS_GENERATED_DIR ${PROJECT_SOURCE_DIR}/generated)
endif()

# gSOAP's runtime is built with these; the generated code must agree on the
# layout of struct soap, so they come from gsoapssl++.pc.
function(mktows_use_gsoap target)
  target_link_libraries(${target} PRIVATE PkgConfig::GSOAPSSL OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB Threads::Threads)
  target_include_directories(${target} PRIVATE ${MKTOWS_GENERATED_DIR} ${PROJECT_SOURCE_DIR}/src)
endfunction()

# Serializers, env module, custom types and namespace table: shared by the
# client (libmktows) and the sandbox's service.
add_library(mktows_binding OBJECT
  ${MKTOWS_GENERATED_DIR}/mktows_gsoapC.cpp
  ${MKTOWS_GENERATED_DIR}/envC.cpp
  ${MKTOWS_GENERATED_DIR}/mktows_gsoapMktowsApiSoapBindingProxy.cpp
  ${PROJECT_SOURCE_DIR}/src/binding/nillable.cpp
  ${PROJECT_SOURCE_DIR}/src/binding/namespaces.cpp
  ${PROJECT_SOURCE_DIR}/src/binding/gsoap_globals.cpp)
set_target_properties(mktows_binding PROPERTIES POSITION_INDEPENDENT_CODE ON)
mktows_use_gsoap(mktows_binding)
# Generated code: no warnings of ours, and no need to debug it.
target_compile_options(mktows_binding PRIVATE -w)
