#!/usr/bin/env python3
"""Proves that the WSDL-vs-facts check can fail: applies one small change at a
time to a copy of the WSDL text and requires the check to report it (with a
message that names what changed). The unchanged WSDL must pass.

usage: wsdl_facts_mutations.py WSDL FACTS
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wsdl_facts_check import check  # noqa: E402

# (what is changed, regex on the WSDL text, replacement, text the report must contain)
MUTATIONS = [
    ("soapAction of getMultipleLeads",
     r'soapAction="http://www.marketo.com/mktows/getMultipleLeads"',
     'soapAction="http://www.marketo.com/mktows/getMultipleLead"',
     "binding operation getMultipleLeads: soapAction"),
    ("getLead removed from the binding",
     r'(?s)<wsdl:operation name="getLead">\s*<soap:operation.*?</wsdl:operation>\s*', "",
     "binding: operation getLead is missing"),
    ("an extra portType operation",
     r'(<wsdl:portType name="MktowsPort">)',
     r'\1<wsdl:operation name="getEverything"><wsdl:input message="tns:paramsGetLead"/>'
     r'<wsdl:output message="tns:successGetLead"/></wsdl:operation>',
     "portType: operation getEverything is not in the facts"),
    ("output message of getLead points at another element",
     r'(<wsdl:part name="successGetLead" element=")tns:successGetLead"',
     r'\1tns:successGetTags"',
     "portType operation getLead output: body element is tns:successGetTags"),
    ("two elements of LeadRecord swapped",
     r'(<xs:element name="Email" type="xs:string"[^>]*/>)(\s*)(<xs:element name="ForeignSysPersonId"[^>]*/>)',
     r'\3\2\1',
     "type LeadRecord: elements are"),
    ("minOccurs of ParamsGetMultipleLeads/batchSize",
     r'(?s)(<xs:complexType name="ParamsGetMultipleLeads">.*?<xs:element name="batchSize" type="xs:int") minOccurs="0"',
     r'\1 minOccurs="1"',
     "type ParamsGetMultipleLeads element batchSize: minOccurs is '1', expected '0'"),
    ("maxOccurs of ArrayOfString/stringItem",
     r'(<xs:element name="stringItem" type="xs:string" minOccurs="0") maxOccurs="unbounded"',
     r'\1 maxOccurs="1"',
     "type ArrayOfString element stringItem: maxOccurs"),
    ("nillable dropped from LeadRecord/ForeignSysType",
     r'(<xs:element name="ForeignSysType" type="tns:ForeignSysType"[^>]*?) nillable="true"',
     r'\1',
     "type LeadRecord element ForeignSysType: nillable"),
    ("type of LeadRecord/Id",
     r'<xs:element name="Id" type="xs:int"',
     '<xs:element name="Id" type="xs:long"',
     "type LeadRecord element Id: type is xs:long"),
    ("an extra element in StaticListSelector",
     r'(<xs:element name="staticListId"[^>]*/>)',
     r'\1<xs:element name="staticListKind" type="xs:string" minOccurs="0" maxOccurs="1"/>',
     "type StaticListSelector: elements are"),
    ("an extra enumeration value of LeadKeyRef",
     r'(<xs:enumeration value="SFDCOPPTYID"/>)',
     r'\1<xs:enumeration value="PHONE"/>',
     "type LeadKeyRef: enumeration"),
    ("a missing enumeration value of LeadKeyRef",
     r'<xs:enumeration value="COOKIE"/>', "",
     "type LeadKeyRef: enumeration"),
    ("extension base of LeadKeySelector",
     r'(<xs:complexType name="LeadKeySelector">\s*<xs:complexContent>\s*<xs:extension base=")tns:LeadSelector"',
     r'\1tns:LeadKey"',
     "type LeadKeySelector: extension base is tns:LeadKey"),
    ("an extra type",
     r'(<xs:complexType name="LeadSelector">)',
     r'<xs:complexType name="LeadSelectorV2"><xs:sequence/></xs:complexType>\1',
     "type LeadSelectorV2: in the WSDL but not in the facts"),
    ("a missing type",
     r'(?s)<xs:complexType name="LeadStatus">.*?</xs:complexType>', "",
     "type LeadStatus: missing from the WSDL"),
    ("a missing global element",
     r'<xs:element name="successGetTags" type="tns:SuccessGetTags"/>', "",
     "global element successGetTags: missing"),
    ("a global element of the wrong type",
     r'<xs:element name="paramsGetLead" type="tns:ParamsGetLead"/>',
     '<xs:element name="paramsGetLead" type="tns:ParamsGetMultipleLeads"/>',
     "global element paramsGetLead: type is tns:ParamsGetMultipleLeads"),
    ("MktowsContextHeader dropped from syncLead",
     r'(<soap:body use="literal" parts="paramsSyncLead"/>\s*<soap:header[^>]*/>)\s*<soap:header message="tns:MktowsContextHeader"[^>]*/>',
     r'\1',
     "binding operation syncLead: headers are"),
    ("AuthenticationHeader dropped from getMultipleLeads",
     r'(<soap:body use="literal" parts="paramsGetMultipleLeads"/>)\s*<soap:header[^>]*/>',
     r'\1',
     "binding operation getMultipleLeads: headers are"),
    ("header message part renamed",
     r'<wsdl:part name="authentication" element="tns:AuthenticationHeader"/>',
     '<wsdl:part name="auth" element="tns:AuthenticationHeader"/>',
     "message AuthenticationHeader: parts are"),
    ("soap:body parts naming no part of the input message",
     r'<soap:body use="literal" parts="paramsGetLead"/>', '<soap:body use="literal" parts="paramsGetLeadX"/>',
     "binding operation getLead input: soap:body parts='paramsGetLeadX'"),
    ("rpc style",
     r'<soap:binding style="document"', '<soap:binding style="rpc"',
     "binding: style is 'rpc'"),
    ("encoded body",
     r'(<soap:body use=")literal(" parts="paramsGetLead"/>)', r'\1encoded\2',
     "binding operation getLead input: expected one soap:body"),
    ("qualified local elements",
     r'<xs:schema targetNamespace="http://www.marketo.com/mktows/">',
     '<xs:schema targetNamespace="http://www.marketo.com/mktows/" elementFormDefault="qualified">',
     "local elements must be unqualified"),
    ("service renamed",
     r'<wsdl:service name="MktMktowsApiService">', '<wsdl:service name="MktowsService">',
     "service: expected exactly MktMktowsApiService"),
    ("port renamed",
     r'<wsdl:port name="MktowsApiSoapPort"', '<wsdl:port name="MktowsPort"',
     "service: expected exactly port MktowsApiSoapPort"),
    ("binding renamed",
     r'<wsdl:binding name="MktowsApiSoapBinding"', '<wsdl:binding name="MktowsBinding"',
     "binding: expected exactly MktowsApiSoapBinding"),
    ("not well-formed",
     r'</wsdl:definitions>', '',
     "not well-formed"),
]


def main(argv):
    if len(argv) != 3:
        print("usage: %s WSDL FACTS" % argv[0], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        text = f.read()
    with open(argv[2], encoding="utf-8") as f:
        facts = json.load(f)

    failures = 0
    baseline = check(text, facts)
    if baseline:
        print("FAIL: the unchanged WSDL does not pass:\n  " + "\n  ".join(baseline))
        failures += 1
    for what, pattern, replacement, expected in MUTATIONS:
        mutated, n = re.subn(pattern, replacement, text, count=1)
        if n != 1 or mutated == text:
            print("FAIL: mutation %r did not apply (pattern not found in the WSDL)" % what)
            failures += 1
            continue
        problems = check(mutated, facts)
        if not any(expected in p for p in problems):
            print("FAIL: mutation %r was not reported as %r; reported: %s" % (what, expected, problems))
            failures += 1
        else:
            print("ok: %s -> %d problem(s), e.g. %s" % (what, len(problems),
                                                       next(p for p in problems if expected in p)))
    # Against facts with one extra operation, the real WSDL must fail too.
    extra = json.loads(json.dumps(facts))
    extra["ops"]["getEverything"] = dict(facts["ops"]["getLead"])
    if not any("operation getEverything is missing" in p for p in check(text, extra)):
        print("FAIL: an operation only in the facts was not reported")
        failures += 1
    if failures:
        print("%d of %d mutation checks failed" % (failures, len(MUTATIONS) + 2))
        return 1
    print("ok: all %d mutations detected" % len(MUTATIONS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
