# The gSOAP binding generated from wsdl/ (see scripts/regenerate for the
# pinned wsdl2h/soapcpp2 flags).
#
# MKTOWS_REGENERATE=OFF (default): the committed generated/ is compiled, so
#   building needs only gSOAP's runtime library (libgsoap-dev), not its code
#   generators.
# MKTOWS_REGENERATE=ON: scripts/regenerate writes the binding into
#   <build>/generated at build time, and runs again whenever the WSDL, the
#   type map, nillable.h, env.h or the script itself change; everything
#   compiled from the binding is rebuilt after it. Needs wsdl2h and soapcpp2
#   (Debian package gsoap). generated/ in the source tree is left alone: run
#   scripts/regenerate and commit to update it.
#
# Provides:
#   MKTOWS_GENERATED_DIR   where the binding is (also global property
#                          MKTOWS_GENERATED_DIR, for other directories)
#   mktows_generate        custom target producing the binding (ON only)
#   mktows_binding         object library: serializers, env module, proxy,
#                          custom types, namespace table
#   mktows_use_gsoap(tgt)  gives tgt the gSOAP runtime, its flags and the
#                          include paths of the binding; with
#                          MKTOWS_REGENERATE=ON also orders tgt after the
#                          regeneration and marks the binding's files as
#                          generated in tgt's directory, so a target anywhere
#                          in the tree can compile e.g.
#                          ${MKTOWS_GENERATED_DIR}/mktows_gsoapMktowsApiSoapBindingService.cpp

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
  if(CMAKE_VERSION VERSION_LESS 3.18)
    message(FATAL_ERROR "MKTOWS_REGENERATE=ON needs CMake 3.18 or newer")
  endif()
  find_program(MKTOWS_WSDL2H wsdl2h)
  find_program(MKTOWS_SOAPCPP2 soapcpp2)
  if(NOT MKTOWS_WSDL2H OR NOT MKTOWS_SOAPCPP2)
    message(FATAL_ERROR "MKTOWS_REGENERATE=ON needs gSOAP's wsdl2h and soapcpp2 on PATH "
      "(Debian: apt-get install gsoap), or configure with -DMKTOWS_REGENERATE=OFF "
      "to compile the committed generated/.")
  endif()
  set(MKTOWS_GENERATED_DIR ${PROJECT_BINARY_DIR}/generated)
  set(MKTOWS_BINDING_OUTPUTS)
  foreach(f IN LISTS MKTOWS_BINDING_FILES)
    list(APPEND MKTOWS_BINDING_OUTPUTS ${MKTOWS_GENERATED_DIR}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${MKTOWS_BINDING_OUTPUTS}
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/regenerate ${MKTOWS_GENERATED_DIR}
    DEPENDS ${MKTOWS_BINDING_INPUTS}
    COMMENT "Regenerating the gSOAP binding from wsdl/ into ${MKTOWS_GENERATED_DIR}"
    VERBATIM)
  # The one target that runs the rule above; everything else depends on it
  # (a rule listed in several independent targets could run twice at once).
  add_custom_target(mktows_generate DEPENDS ${MKTOWS_BINDING_OUTPUTS})
else()
  set(MKTOWS_GENERATED_DIR ${PROJECT_SOURCE_DIR}/generated)
endif()
set_property(GLOBAL PROPERTY MKTOWS_GENERATED_DIR ${MKTOWS_GENERATED_DIR})

# gSOAP's runtime is built with these; the generated code must agree on the
# layout of struct soap, so they come from gsoapssl++.pc.
function(mktows_use_gsoap target)
  get_property(generated_dir GLOBAL PROPERTY MKTOWS_GENERATED_DIR)
  target_link_libraries(${target} PRIVATE PkgConfig::GSOAPSSL OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB Threads::Threads)
  target_include_directories(${target} PRIVATE ${generated_dir} ${PROJECT_SOURCE_DIR}/src)
  if(MKTOWS_REGENERATE)
    add_dependencies(${target} mktows_generate)
    get_target_property(target_dir ${target} SOURCE_DIR)
    set(outputs)
    foreach(f IN LISTS MKTOWS_BINDING_FILES)
      list(APPEND outputs ${generated_dir}/${f})
    endforeach()
    set_source_files_properties(${outputs} DIRECTORY ${target_dir} PROPERTIES GENERATED TRUE)
  endif()
endfunction()

# Serializers, env module, custom types and namespace table: shared by the
# client (libmktows) and the sandbox's service. The generated code is
# compiled without warnings (not ours to fix).
set(MKTOWS_BINDING_GENERATED_SOURCES
  ${MKTOWS_GENERATED_DIR}/mktows_gsoapC.cpp
  ${MKTOWS_GENERATED_DIR}/envC.cpp
  ${MKTOWS_GENERATED_DIR}/mktows_gsoapMktowsApiSoapBindingProxy.cpp)
set_source_files_properties(${MKTOWS_BINDING_GENERATED_SOURCES} PROPERTIES COMPILE_OPTIONS -w)
add_library(mktows_binding OBJECT
  ${MKTOWS_BINDING_GENERATED_SOURCES}
  ${PROJECT_SOURCE_DIR}/src/binding/nillable.cpp
  ${PROJECT_SOURCE_DIR}/src/binding/namespaces.cpp
  ${PROJECT_SOURCE_DIR}/src/binding/gsoap_globals.cpp)
set_target_properties(mktows_binding PROPERTIES POSITION_INDEPENDENT_CODE ON)
mktows_use_gsoap(mktows_binding)
# Hand-written support in src/binding/ keeps the project's warnings.
target_compile_options(mktows_binding PRIVATE -Wall -Wextra)
