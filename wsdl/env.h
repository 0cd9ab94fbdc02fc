/* env.h: the SOAP Header and SOAP Fault detail of the mktows binding.

   The bindings generated from mktows-2_7.wsdl live in the C++ namespace
   mktows_gsoap (soapcpp2 -q), so that an application can link them beside
   other gSOAP code. gSOAP's runtime calls the SOAP Header and Fault
   serializers by their global names, so those are generated separately from
   this file (soapcpp2 -penv, the "env module" of the gSOAP manual) into
   generated/env*. Type names carry an mktows_env_ prefix so they do not
   collide with the types of other bindings.

   An application that combines mktows with another gSOAP binding that has
   its own SOAP Headers merges them into one env.h (see README). */

//gsoap ns1 schema namespace: http://www.marketo.com/mktows/

/// ns1:AuthenticationHeader, sent with every call (AuthenticationHeaderInfo).
struct mktows_env_AuthenticationHeaderInfo
{
    std::string mktowsUserId 1;
    std::string requestSignature 1;
    std::string requestTimestamp 1;
    std::string *audit 0;
    int *mode 0;
};

/// ns1:MktowsContextHeader (MktowsContextHeaderInfo), used by syncLead.
struct mktows_env_MktowsContextHeaderInfo
{
    std::string targetWorkspace 1;
};

/// The detail of every Marketo fault: <ns1:serviceException>.
struct mktows_env_ServiceException
{
    std::string *name 0;
    std::string *message 0;
    std::string *code 0;
};

struct SOAP_ENV__Header
{
    struct mktows_env_AuthenticationHeaderInfo *ns1__AuthenticationHeader 0;
    struct mktows_env_MktowsContextHeaderInfo *ns1__MktowsContextHeader 0;
};

struct SOAP_ENV__Detail
{
    struct mktows_env_ServiceException *ns1__serviceException 0;
    _XML __any;
};
