#!/usr/bin/env python3
"""Checks wsdl/mktows-2_7.wsdl against the interface facts
(tests/data/mktows-2_7-facts.json), in both directions: everything the facts
list is in the WSDL, exactly as listed, and the WSDL holds nothing else.

usage: wsdl_facts_check.py WSDL FACTS

Prints one line per problem and exits 1 if there is any, else prints a
summary and exits 0. check(wsdl_text, facts) is the reusable part (the
mutation test imports it).
"""
import io
import json
import sys
import xml.etree.ElementTree as ET

XS = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
TNS = "http://www.marketo.com/mktows/"
SOAP_HTTP = "http://schemas.xmlsoap.org/soap/http"

SERVICE = "MktMktowsApiService"
PORT = "MktowsApiSoapPort"
BINDING = "MktowsApiSoapBinding"
PORT_TYPE = "MktowsPort"
# Header element -> (its type, the message part that carries it).
HEADERS = {
    "AuthenticationHeader": ("AuthenticationHeaderInfo", "authentication"),
    "MktowsContextHeader": ("MktowsContextHeaderInfo", "mktowsContext"),
}
# The facts write QNames with these prefixes.
FACT_PREFIXES = {"xs": XS, "tns": TNS}


def q(ns, local):
    return "{%s}%s" % (ns, local)


class Checker:
    def __init__(self, text, facts):
        self.problems = []
        self.input_parts = {}  # operation -> name of its input message's part
        self.facts = facts
        self.prefixes = collect_prefixes(text)
        self.root = ET.fromstring(text)

    def fail(self, msg):
        self.problems.append(msg)

    # QName attribute values are compared as (namespace URI, local name), so
    # the prefixes the WSDL happens to use do not matter.
    def resolve(self, qname, where):
        if qname is None:
            self.fail("%s: missing QName" % where)
            return None
        prefix, _, local = qname.rpartition(":")
        uri = self.prefixes.get(prefix)
        if uri is None:
            self.fail("%s: undeclared prefix in %r" % (where, qname))
            return None
        return (uri, local)

    @staticmethod
    def fact_qname(text):
        prefix, _, local = text.rpartition(":")
        return (FACT_PREFIXES[prefix], local)

    def expect_children(self, elem, allowed, where):
        for child in elem:
            if child.tag not in allowed:
                self.fail("%s: unexpected <%s>" % (where, local_name(child.tag)))

    def run(self):
        root = self.root
        if root.tag != q(WSDL, "definitions"):
            self.fail("root element is not wsdl:definitions")
            return self.problems
        if root.get("targetNamespace") != TNS:
            self.fail("definitions: targetNamespace is %r, expected %r" % (root.get("targetNamespace"), TNS))
        schemas = root.findall("%s/%s" % (q(WSDL, "types"), q(XS, "schema")))
        if len(schemas) != 1:
            self.fail("wsdl:types: expected exactly one xs:schema, found %d" % len(schemas))
            return self.problems
        self.check_schema(schemas[0])
        messages = self.check_messages()
        self.check_port_type(messages)
        self.check_binding(messages)
        self.check_service()
        return self.problems

    # ---- schema ------------------------------------------------------------
    def check_schema(self, schema):
        if schema.get("targetNamespace") != TNS:
            self.fail("schema: targetNamespace is %r, expected %r" % (schema.get("targetNamespace"), TNS))
        form = schema.get("elementFormDefault", "unqualified")
        if form != "unqualified":
            self.fail("schema: elementFormDefault=%r, local elements must be unqualified" % form)
        self.expect_children(schema, {q(XS, "complexType"), q(XS, "simpleType"), q(XS, "element")}, "schema")

        seen = {}
        for t in schema:
            if t.tag in (q(XS, "complexType"), q(XS, "simpleType")):
                name = t.get("name")
                if name in seen:
                    self.fail("type %s: defined twice" % name)
                seen[name] = t
        expected = self.facts["types"]
        for name in sorted(set(expected) - set(seen)):
            self.fail("type %s: missing from the WSDL" % name)
        for name in sorted(set(seen) - set(expected)):
            self.fail("type %s: in the WSDL but not in the facts" % name)
        for name in sorted(set(seen) & set(expected)):
            self.check_type(name, seen[name], expected[name])
        self.check_globals(schema, set(seen))

    def check_type(self, name, t, fact):
        kind = local_name(t.tag)
        where = "type %s" % name
        if kind != fact["kind"]:
            self.fail("%s: is a %s, expected %s" % (where, kind, fact["kind"]))
            return
        for attr in t.attrib:
            if attr != "name":
                self.fail("%s: unexpected attribute %s" % (where, attr))
        if kind == "simpleType":
            self.check_simple_type(where, t, fact)
        else:
            self.check_complex_type(where, t, fact)

    def check_simple_type(self, where, t, fact):
        self.expect_children(t, {q(XS, "restriction")}, where)
        restriction = t.find(q(XS, "restriction"))
        if restriction is None:
            self.fail("%s: no xs:restriction" % where)
            return
        if self.resolve(restriction.get("base"), where) != (XS, "string"):
            self.fail("%s: restriction base is %r, expected xs:string" % (where, restriction.get("base")))
        self.expect_children(restriction, {q(XS, "enumeration")}, where + " restriction")
        enums = [e.get("value") for e in restriction.findall(q(XS, "enumeration"))]
        if enums != fact["enums"]:
            self.fail("%s: enumeration is %s, expected %s%s"
                      % (where, enums, fact["enums"], list_diff(enums, fact["enums"])))
        if fact["elems"]:
            self.fail("%s: the facts give elements to a simpleType" % where)

    def check_complex_type(self, where, t, fact):
        self.expect_children(t, {q(XS, "sequence"), q(XS, "complexContent")}, where)
        content = t.find(q(XS, "complexContent"))
        base = None
        holder = t
        if content is not None:
            self.expect_children(content, {q(XS, "extension")}, where + " complexContent")
            ext = content.find(q(XS, "extension"))
            if ext is None:
                self.fail("%s: complexContent without xs:extension" % where)
                return
            base = self.resolve(ext.get("base"), where + " extension")
            self.expect_children(ext, {q(XS, "sequence")}, where + " extension")
            holder = ext
        expected_base = (TNS, fact["base"]) if fact["base"] else None
        if base != expected_base:
            self.fail("%s: extension base is %s, expected %s" % (where, fmt_qname(base), fmt_qname(expected_base)))
        sequences = holder.findall(q(XS, "sequence"))
        if len(sequences) != 1:
            self.fail("%s: expected one xs:sequence, found %d" % (where, len(sequences)))
            return
        self.expect_children(sequences[0], {q(XS, "element")}, where + " sequence")
        got = [self.element_row(where, e) for e in sequences[0].findall(q(XS, "element"))]
        want = [self.fact_row(row) for row in fact["elems"]]
        got_names = [r[0] for r in got]
        want_names = [r[0] for r in want]
        if got_names != want_names:
            self.fail("%s: elements are %s, expected %s%s"
                      % (where, got_names, want_names, list_diff(got_names, want_names)))
            return
        for g, w in zip(got, want):
            for field, gv, wv in zip(("type", "minOccurs", "maxOccurs", "nillable"), g[1:], w[1:]):
                if gv != wv:
                    self.fail("%s element %s: %s is %s, expected %s"
                              % (where, g[0], field, fmt_value(gv), fmt_value(wv)))
        if fact["enums"]:
            self.fail("%s: the facts give enumerations to a complexType" % where)

    def element_row(self, where, e):
        name = e.get("name")
        for attr in e.attrib:
            if attr not in ("name", "type", "minOccurs", "maxOccurs", "nillable"):
                self.fail("%s element %s: unexpected attribute %s" % (where, name, attr))
        if len(e):
            self.fail("%s element %s: unexpected content (anonymous type?)" % (where, name))
        nillable = e.get("nillable", "false")
        if nillable not in ("true", "false"):
            self.fail("%s element %s: nillable=%r" % (where, name, nillable))
        return (name, self.resolve(e.get("type"), "%s element %s" % (where, name)),
                e.get("minOccurs", "1"), e.get("maxOccurs", "1"), nillable == "true")

    def fact_row(self, row):
        name, type_, min_occurs, max_occurs, nillable = row
        return (name, self.fact_qname(type_), min_occurs, max_occurs, nillable == "yes")

    def check_globals(self, schema, type_names):
        got = {}
        for e in schema.findall(q(XS, "element")):
            name = e.get("name")
            if name in got:
                self.fail("global element %s: declared twice" % name)
            got[name] = e
        expected = set(self.facts["globals"])
        for name in sorted(expected - set(got)):
            self.fail("global element %s: missing from the WSDL" % name)
        for name in sorted(set(got) - expected):
            self.fail("global element %s: in the WSDL but not in the facts" % name)
        for name in sorted(expected & set(got)):
            e = got[name]
            want = global_type(name)
            if want not in type_names:
                self.fail("global element %s: its type %s is not defined" % (name, want))
            typ = self.resolve(e.get("type"), "global element %s" % name)
            if typ != (TNS, want):
                self.fail("global element %s: type is %s, expected tns:%s" % (name, fmt_qname(typ), want))
            for attr in e.attrib:
                if attr not in ("name", "type"):
                    self.fail("global element %s: unexpected attribute %s" % (name, attr))

    # ---- messages, portType, binding, service -------------------------------
    def check_messages(self):
        """Returns {message name: [(part name, element QName)]}."""
        messages = {}
        for m in self.root.findall(q(WSDL, "message")):
            name = m.get("name")
            if name in messages:
                self.fail("message %s: defined twice" % name)
            self.expect_children(m, {q(WSDL, "part")}, "message %s" % name)
            parts = []
            for p in m.findall(q(WSDL, "part")):
                if p.get("type") is not None or p.get("element") is None:
                    self.fail("message %s part %s: document/literal parts refer to an element"
                              % (name, p.get("name")))
                    continue
                parts.append((p.get("name"), self.resolve(p.get("element"), "message %s" % name)))
            messages[name] = parts
        # Every message is used: the header messages and the in/out of each operation.
        used = set(HEADERS) & set(messages)
        for op in self.facts["ops"].values():
            used.update((op["in"], op["out"]))
        for name in sorted(set(messages) - used):
            self.fail("message %s: defined but not used by any operation" % name)
        for header, (_, part) in HEADERS.items():
            if header not in messages:
                self.fail("message %s: missing" % header)
            elif messages[header] != [(part, (TNS, header))]:
                self.fail("message %s: parts are %s, expected [%s -> tns:%s]"
                          % (header, fmt_parts(messages[header]), part, header))
        return messages

    def body_element(self, messages, message_qname, where):
        message = self.resolve(message_qname, where)
        if message is None:
            return None
        if message[0] != TNS or message[1] not in messages:
            self.fail("%s: message %s is not defined" % (where, message_qname))
            return None
        parts = messages[message[1]]
        if len(parts) != 1:
            self.fail("%s: message %s has %d parts, expected 1" % (where, message[1], len(parts)))
            return None
        return parts[0]

    def check_port_type(self, messages):
        port_types = self.root.findall(q(WSDL, "portType"))
        if [p.get("name") for p in port_types] != [PORT_TYPE]:
            self.fail("portType: expected exactly %s, found %s" % (PORT_TYPE, [p.get("name") for p in port_types]))
            if not port_types:
                return
        ops = self.named_children(port_types[0], q(WSDL, "operation"), "portType operation")
        self.compare_op_names(ops, "portType")
        for name in sorted(set(ops) & set(self.facts["ops"])):
            fact = self.facts["ops"][name]
            op = ops[name]
            where = "portType operation %s" % name
            self.expect_children(op, {q(WSDL, "input"), q(WSDL, "output"), q(WSDL, "documentation")}, where)
            for direction, element in (("input", fact["in"]), ("output", fact["out"])):
                io = op.findall(q(WSDL, direction))
                if len(io) != 1:
                    self.fail("%s: expected one %s, found %d" % (where, direction, len(io)))
                    continue
                part = self.body_element(messages, io[0].get("message"), "%s %s" % (where, direction))
                if part is not None and direction == "input":
                    self.input_parts[name] = part[0]
                if part is not None and part[1] != (TNS, element):
                    self.fail("%s %s: body element is %s, expected tns:%s"
                              % (where, direction, fmt_qname(part[1]), element))

    def check_binding(self, messages):
        bindings = self.root.findall(q(WSDL, "binding"))
        if [b.get("name") for b in bindings] != [BINDING]:
            self.fail("binding: expected exactly %s, found %s" % (BINDING, [b.get("name") for b in bindings]))
            if not bindings:
                return
        binding = bindings[0]
        if self.resolve(binding.get("type"), "binding") != (TNS, PORT_TYPE):
            self.fail("binding: type is %r, expected tns:%s" % (binding.get("type"), PORT_TYPE))
        soap_binding = binding.find(q(SOAP, "binding"))
        if soap_binding is None:
            self.fail("binding: no soap:binding (SOAP 1.1)")
        else:
            if soap_binding.get("style") != "document":
                self.fail("binding: style is %r, expected document" % soap_binding.get("style"))
            if soap_binding.get("transport") != SOAP_HTTP:
                self.fail("binding: transport is %r, expected %s" % (soap_binding.get("transport"), SOAP_HTTP))
        self.expect_children(binding, {q(SOAP, "binding"), q(WSDL, "operation")}, "binding")
        ops = self.named_children(binding, q(WSDL, "operation"), "binding operation")
        self.compare_op_names(ops, "binding")
        for name in sorted(set(ops) & set(self.facts["ops"])):
            self.check_binding_op(name, ops[name], self.facts["ops"][name], messages)

    def check_binding_op(self, name, op, fact, messages):
        where = "binding operation %s" % name
        self.expect_children(op, {q(SOAP, "operation"), q(WSDL, "input"), q(WSDL, "output")}, where)
        soap_op = op.find(q(SOAP, "operation"))
        if soap_op is None:
            self.fail("%s: no soap:operation" % where)
        else:
            if soap_op.get("soapAction") != fact["action"]:
                self.fail("%s: soapAction is %r, expected %r" % (where, soap_op.get("soapAction"), fact["action"]))
            if soap_op.get("style", "document") != "document":
                self.fail("%s: style is %r, expected document" % (where, soap_op.get("style")))
        in_body_part = self.input_parts.get(name)
        inp = op.find(q(WSDL, "input"))
        out = op.find(q(WSDL, "output"))
        if inp is None or out is None:
            self.fail("%s: needs wsdl:input and wsdl:output" % where)
            return
        self.expect_children(inp, {q(SOAP, "body"), q(SOAP, "header")}, where + " input")
        self.expect_children(out, {q(SOAP, "body")}, where + " output")
        for direction, io in (("input", inp), ("output", out)):
            bodies = io.findall(q(SOAP, "body"))
            if len(bodies) != 1 or bodies[0].get("use") != "literal":
                self.fail("%s %s: expected one soap:body use=\"literal\"" % (where, direction))
        body = inp.find(q(SOAP, "body"))
        if body is not None and in_body_part is not None and body.get("parts") not in (None, in_body_part):
            self.fail("%s input: soap:body parts=%r, expected %r" % (where, body.get("parts"), in_body_part))
        headers = []
        for h in inp.findall(q(SOAP, "header")):
            message = self.resolve(h.get("message"), where + " header")
            part = h.get("part")
            if h.get("use") != "literal":
                self.fail("%s: soap:header %s use is %r, expected literal" % (where, part, h.get("use")))
            if message is None or message[0] != TNS or message[1] not in messages:
                self.fail("%s: soap:header message %r is not defined" % (where, h.get("message")))
                continue
            parts = dict(messages[message[1]])
            if part not in parts:
                self.fail("%s: soap:header part %r is not a part of message %s" % (where, part, message[1]))
                continue
            headers.append((parts[part], part))
        want = [((TNS, header), HEADERS[header][1]) for header in fact["headers"]]
        if headers != want:
            self.fail("%s: headers are %s, expected %s"
                      % (where, ["%s/%s" % (fmt_qname(e), p) for e, p in headers],
                         ["tns:%s/%s" % (e[1], p) for e, p in want]))

    def check_service(self):
        services = self.root.findall(q(WSDL, "service"))
        if [s.get("name") for s in services] != [SERVICE]:
            self.fail("service: expected exactly %s, found %s" % (SERVICE, [s.get("name") for s in services]))
            if not services:
                return
        ports = services[0].findall(q(WSDL, "port"))
        if [p.get("name") for p in ports] != [PORT]:
            self.fail("service: expected exactly port %s, found %s" % (PORT, [p.get("name") for p in ports]))
            if not ports:
                return
        if self.resolve(ports[0].get("binding"), "port") != (TNS, BINDING):
            self.fail("port %s: binding is %r, expected tns:%s" % (PORT, ports[0].get("binding"), BINDING))
        address = ports[0].find(q(SOAP, "address"))
        if address is None or not address.get("location", "").startswith("https://"):
            self.fail("port %s: needs a soap:address with an https location" % PORT)

    # ---- helpers -------------------------------------------------------------
    def named_children(self, parent, tag, what):
        out = {}
        for child in parent.findall(tag):
            name = child.get("name")
            if name in out:
                self.fail("%s %s: defined twice" % (what, name))
            out[name] = child
        return out

    def compare_op_names(self, ops, where):
        expected = set(self.facts["ops"])
        for name in sorted(expected - set(ops)):
            self.fail("%s: operation %s is missing" % (where, name))
        for name in sorted(set(ops) - expected):
            self.fail("%s: operation %s is not in the facts" % (where, name))


def collect_prefixes(text):
    """Every prefix declared anywhere in the document (the WSDL declares them
    once, on wsdl:definitions; a prefix bound to two URIs is an error)."""
    prefixes = {}
    for _, (prefix, uri) in ET.iterparse(io.StringIO(text), events=("start-ns",)):
        if prefixes.get(prefix, uri) != uri:
            raise ValueError("prefix %r is bound to two namespaces" % prefix)
        prefixes[prefix] = uri
    return prefixes


def global_type(element):
    """The type of a global element: the header elements have their Info
    types; paramsX / successX have ParamsX / SuccessX."""
    if element in HEADERS:
        return HEADERS[element][0]
    return element[:1].upper() + element[1:]


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def fmt_qname(qn):
    if qn is None:
        return "none"
    prefix = {XS: "xs", TNS: "tns"}.get(qn[0], "{%s}" % qn[0])
    return "%s:%s" % (prefix, qn[1])


def fmt_value(v):
    if isinstance(v, tuple):
        return fmt_qname(v)
    if isinstance(v, bool):
        return "nillable" if v else "not nillable"
    return repr(v)


def fmt_parts(parts):
    return ["%s -> %s" % (p, fmt_qname(e)) for p, e in parts]


def list_diff(got, want):
    missing = [x for x in want if x not in got]
    extra = [x for x in got if x not in want]
    notes = []
    if missing:
        notes.append("missing %s" % missing)
    if extra:
        notes.append("extra %s" % extra)
    if not notes:
        notes.append("order differs")
    return " (%s)" % "; ".join(notes)


def check(wsdl_text, facts):
    """Returns the list of problems (empty when the WSDL matches the facts)."""
    try:
        return Checker(wsdl_text, facts).run()
    except (ET.ParseError, ValueError) as e:
        return ["the WSDL is not well-formed XML: %s" % e]


def main(argv):
    if len(argv) != 3:
        print("usage: %s WSDL FACTS" % argv[0], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        text = f.read()
    with open(argv[2], encoding="utf-8") as f:
        facts = json.load(f)
    problems = check(text, facts)
    for p in problems:
        print("FAIL: %s" % p)
    if problems:
        print("%d problem(s): %s does not match %s" % (len(problems), argv[1], argv[2]))
        return 1
    n_elems = sum(len(t["elems"]) for t in facts["types"].values())
    n_enums = sum(len(t["enums"]) for t in facts["types"].values())
    print("ok: %d operations, %d types (%d elements, %d enumeration values), %d global elements"
          % (len(facts["ops"]), len(facts["types"]), n_elems, n_enums, len(facts["globals"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
