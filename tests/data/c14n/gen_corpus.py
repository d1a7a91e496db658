#!/usr/bin/env python3
"""Generate the canonicalization corpus in ./corpus and ./manifest.tsv.

Inputs are written by this script (hand-written edge cases plus seeded random
documents) or copied byte-for-byte from ../../../../shared/vectors.  Every
expected output is computed by an independent implementation:

  xmllint (Debian libxml2-utils)   --c14n / --c14n11 / --exc-c14n (with comments)
  lxml (PyPI, bundles its own libxml2)  c14n 1.0 / exclusive, without comments,
                                   subtree forms and InclusiveNamespaces prefix lists
  xmlsec1 (Debian)                 node-set (XML-DSig) form of the subtree cases

Requirements: python3 with lxml, xmllint and xmlsec1 on PATH.
Run:  python3 gen_corpus.py            (rewrites corpus/, manifest.tsv, tags.tsv,
                                        crosscheck.txt)
      python3 gen_corpus.py --check    (regenerate into a temp dir, compare, no writes)
The script is deterministic: same tools, same bytes.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree

SEED = 20260601
N_RANDOM_TARGET = 240          # total generated documents (hand-written + random)
N_SUBTREE = 48                 # documents that get subtree cases
N_PREFIXES = 24                # of those, how many get an InclusiveNamespaces case

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parents[3] / "shared" / "vectors"

# Files from shared/vectors copied unmodified as extra cases: (id, relative path).
EXTRA_FILES = [
    (901, "xmldsig/xml-sec/tests/fixtures/c14n/merlin-c14n-three/signature.xml"),
    (902, "xmldsig/xml-sec/tests/fixtures/c14n/merlin-exc-c14n-one/exc-signature.xml"),
    (903, "saml/xml-crypto/test/static/valid_saml_withcomments.xml"),
    (904, "saml/xml-crypto/test/static/saml_external_ns.xml"),
    (905, "smp/dynamic-discovery-client/dynamic-discovery-client/src/test/resources/"
          "response/oasis-smp-1.0/signed_service_metadata_redirection.xml"),
    (906, "xmldsig/xmlsec/tests/merlin-xmldsig-twenty-three/signature-enveloped-dsa.xml"),
    (907, "tsl/openncp/tsl-utils/tslsync/src/test/resources/"
          "PREFIXED_NCP_Service_Status_List__Austria_AT_.xml"),
    (908, "saml/samael/test_vectors/response_signed_by_idp_2.xml"),
    (909, "eidas/eidas-middleware/EidasSamlRequestWithOnlyProviderName.xml"),
    (910, "emrex/fi-emrex/fi-common-java/src/test/resources/elmo-1.0-example.xml"),
    (911, "saml/signxml/test/interop/pyXMLSecurity/SAML_assertion1.xml"),
    (912, "smp/vefa-peppol/peppol-lookup/src/test/resources/"
          "bdxr201605-servicegroup-9908-991825827.xml"),
]

# Upstream golden outputs shipped beside the merlin inputs (comments removed there).
UPSTREAM_GOLDEN = {
    901: {"c14n10-nc": "xmldsig/xml-sec/tests/fixtures/c14n/merlin-c14n-three/full-doc-c14n10.xml",
          "exc-nc": "xmldsig/xml-sec/tests/fixtures/c14n/merlin-c14n-three/full-doc-exc-c14n.xml"},
    902: {"c14n10-nc": "xmldsig/xml-sec/tests/fixtures/c14n/merlin-exc-c14n-one/full-doc-c14n10.xml",
          "exc-nc": "xmldsig/xml-sec/tests/fixtures/c14n/merlin-exc-c14n-one/full-doc-exc-c14n.xml"},
}

WHOLE_KINDS = ["c14n10", "c14n11", "exc", "c14n10-nc", "c14n11-nc", "exc-nc"]


# --------------------------------------------------------------------------
# Hand-written cases.  Each is (tags, text).  Text is written UTF-8 encoded,
# byte for byte; "\r" is kept (so CRLF cases really contain CR bytes).
# --------------------------------------------------------------------------
DEEP = "".join("<n%d>" % i for i in range(40)) + "x" + "".join("</n%d>" % i for i in reversed(range(40)))
DEEP_NS = ("<r xmlns=\"urn:d0\" xmlns:p=\"urn:p\">"
           + "".join('<e xmlns="urn:d%d">' % (i % 3) if i % 2 else "<p:e>" for i in range(1, 31))
           + "<leaf p:a=\"1\"/>"
           + "".join("</e>" if i % 2 else "</p:e>" for i in reversed(range(1, 31)))
           + "</r>")
DEEP_USE = ("<r xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" xmlns:u=\"urn:unused\">"
            + "<x>" * 25 + "<a:leaf b:attr=\"v\"/>" + "</x>" * 25 + "</r>")
MANY_ATTRS = "<r " + " ".join(
    'a%02d="%d"' % (i, i) for i in (17, 3, 11, 0, 19, 8, 1, 14, 5, 12, 2, 16, 9, 6, 18, 4, 13, 7, 15, 10)
) + "/>"

HAND = [
    ("minimal empty-element", "<doc/>"),
    ("xmldecl text", '<?xml version="1.0" encoding="UTF-8"?>\n<doc>hello</doc>\n'),
    ("default-ns", '<doc xmlns="urn:d"><a><b/></a></doc>'),
    ("default-ns undeclare", '<doc xmlns="urn:d"><a xmlns=""><b/></a><c/></doc>'),
    ("undeclare superfluous", '<doc><a xmlns=""><b xmlns=""/></a></doc>'),
    ("default-ns redeclare-same", '<doc xmlns="urn:d"><a xmlns="urn:d"><b xmlns="urn:d"/></a></doc>'),
    ("default-ns redeclare-different", '<doc xmlns="urn:d1"><a xmlns="urn:d2"><b xmlns="urn:d1"/></a><c/></doc>'),
    ("default-ns undeclare redeclare",
     '<doc xmlns="urn:d"><a xmlns=""><b xmlns="urn:d"><c xmlns=""/></b></a></doc>'),
    ("prefix redeclare-same", '<p:doc xmlns:p="urn:p"><p:a xmlns:p="urn:p"><p:b xmlns:p="urn:p"/></p:a></p:doc>'),
    ("prefix redeclare-different",
     '<p:doc xmlns:p="urn:p1"><p:a xmlns:p="urn:p2" p:x="1"><p:b xmlns:p="urn:p1" p:x="2"/></p:a></p:doc>'),
    ("unused-decl", '<doc xmlns:u="urn:unused" xmlns:v="urn:also-unused" xmlns="urn:d"><a/></doc>'),
    ("unused-decl nested", '<doc><a xmlns:u="urn:u"><b xmlns:v="urn:v"><c/></b></a></doc>'),
    ("ns-attr prefix-only-in-attr", '<doc xmlns:a="urn:a"><e a:x="1"/><f a:y="2"/></doc>'),
    ("ns-attr same-local-name attr-order",
     '<doc xmlns:a="urn:a" xmlns:b="urn:b"><e b:id="2" id="0" a:id="1"/></doc>'),
    ("ns-attr attr-order sort-by-uri-not-prefix",
     '<doc xmlns:z="urn:a" xmlns:a="urn:z"><e a:x="1" z:x="2" x="3" z:a="4" a:a="5"/></doc>'),
    ("same-uri-two-prefixes", '<a:doc xmlns:a="urn:same" xmlns:b="urn:same"><b:e a:x="1"/><a:e b:y="2"/></a:doc>'),
    ("same-local-name-different-ns elements",
     '<doc xmlns:a="urn:a" xmlns:b="urn:b"><a:item>1</a:item><b:item>2</b:item><item>3</item></doc>'),
    ("qname-in-content exclusive-drops",
     '<doc xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:p="urn:types">'
     '<v xsi:type="p:T">1</v></doc>'),
    ("deep-nesting", "<r>" + DEEP + "</r>"),
    ("deep-nesting default-ns", DEEP_NS),
    ("deep-nesting unused-decl prefix-only-in-attr", DEEP_USE),
    ("attr-order many-attrs", MANY_ATTRS),
    ("attr-order mixed-ns",
     '<r xmlns:b="http://b.example/" xmlns:a="http://a.example/" b:z="1" a:z="2" z="3" b:a="4" a:a="5" a="6"/>'),
    ("escape-text", "<r>&amp; &lt; &gt; \" ' ]]&gt; a&gt;b</r>"),
    ("escape-attr", "<r a=\"&amp;&lt;&gt;&quot;'\" b='\"' c='&apos;'/>"),
    ("escape-attr whitespace-attr",
     "<r tab=\"a\tb\" tabref=\"a&#9;b\" lf=\"a&#10;b\" cr=\"a&#13;b\" nl=\"a\nb\" crlf=\"a\r\nb\" sp=\"  x  \"/>"),
    ("escape-text cr", "<r>a&#13;b\r\nc\rd&#13;&#10;e</r>"),
    ("crlf-file", '<?xml version="1.0"?>\r\n<r>\r\n  <a>x</a>\r\n  <b>y\r\n</b>\r\n</r>\r\n'),
    ("non-ascii", '<r attr="Grüße ☃ 😀">Grüße — 日本語 😀 Ελληνικά</r>'),
    ("charref", "<r a=\"&#65;&#x42;&#233;&#x1F600;\">&#65;&#x42;&#xE9;&#233;&#x1F600;&#xA0;&#160;</r>"),
    ("charref whitespace", "<r a=\"&#32;&#9;&#10;&#13;\">&#32;&#9;&#10;&#13;</r>"),
    ("charref special", "<r a=\"&#38;&#60;&#62;&#34;&#39;\">&#38;&#60;&#62;&#34;&#39;</r>"),
    ("cdata", "<r><![CDATA[<not-a-tag> & \"quoted\" 'apos' >]]></r>"),
    ("cdata split-terminator", "<r><![CDATA[]]]]><![CDATA[>]]> and ]]&gt;</r>"),
    ("cdata empty mixed", "<r>a<![CDATA[]]>b<![CDATA[c]]>d<e/><![CDATA[\r\nline\r\n]]></r>"),
    ("cdata non-ascii", "<r><![CDATA[Grüße & 日本]]></r>"),
    ("comment inside", "<r><!-- a comment --><a/><!--x--><!----></r>"),
    ("comment outside", "<!-- before -->\n<r/>\n<!-- after -->\n"),
    ("comment outside inside",
     '<?xml version="1.0"?>\n<!--one-->\n<!--two-->\n<r><!-- in - dash --></r><!--three-->'),
    ("comment non-ascii", "<r><!-- Grüße — 日本 --></r>"),
    ("pi inside", "<r><?target data?><?empty?><a><?x  y  z  ?></a></r>"),
    ("pi outside", "<?before one?>\n<r/>\n<?after two?>\n"),
    ("pi outside comment outside",
     '<?xml version="1.0" encoding="UTF-8"?>\n<?a?>\n<!--c1-->\n<?b x="1"?>\n<r/>\n<?c?>\n<!--c2-->\n'),
    ("pi special-data", "<r><?p a > b ? c?></r>"),
    ("whitespace-outside", '<?xml version="1.0"?>\n\n\t  \n<r/>\n\n  \t\n'),
    ("whitespace-inside", "<r>\n  <a>\n    <b> x </b>\n  </a>\n\t\n</r>"),
    ("whitespace-in-tags", "<r   a = \"1\"\n\tb\t=\t'2'  ><e\n/><f  ></f  ></r  >"),
    ("empty-element", "<r><a/><b></b><c /><d x=\"1\"/><e x=\"1\"></e></r>"),
    ("empty-element ns-decl", '<r><a xmlns="urn:a"/><b xmlns:p="urn:p" p:x="1"/><p:c xmlns:p="urn:p"></p:c></r>'),
    ("xml-lang xml-space", '<r xml:lang="en" xml:space="preserve"><a xml:lang="fr"> x </a><b xml:lang="">y</b></r>'),
    ("xml-lang xml-space nested",
     '<r xml:lang="de"><a xml:space="default"><b xml:space="preserve">  </b></a></r>'),
    ("xml-id xml-base", '<r xml:base="http://example.org/"><a xml:id="one" xml:base="sub/">x</a></r>'),
    ("xml-ns-explicit", '<r xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="en"><a/></r>'),
    ("ns-uri-escaping", '<r xmlns:q="http://example.com/?a=1&amp;b=2&amp;c=%22" q:x="&lt;"/>'),
    ("attr-gt attr-spaces", '<r a=">" b="a  b   c" c="x&gt;y"/>'),
    ("xmldecl standalone", "<?xml version='1.0' encoding='utf-8' standalone='yes'?><r/>"),
    ("bom", "\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>bom</r>\n"),
    ("bom no-xmldecl", "\ufeff<r>bom</r>"),
    ("mixed-content", "<p>Hello <b>world</b>, &amp; <i>more <u>nested</u></i> text.</p>"),
    ("names", '<données xmlns:日="urn:jp"><日:名前 日:属性="値">x</日:名前><a-b.c_d/><_u/></données>'),
    ("default-ns unprefixed-attr", '<doc xmlns="urn:d" x="1"><e y="2"/></doc>'),
    ("exclusive default-not-utilized", '<p:doc xmlns="urn:d" xmlns:p="urn:p"><p:a/><p:b><c/></p:b></p:doc>'),
    ("exclusive undeclare-default",
     '<doc xmlns="urn:d"><p:a xmlns:p="urn:p"><b xmlns=""/></p:a></doc>'),
    ("exclusive undeclare-default nested",
     '<doc xmlns="urn:d"><p:a xmlns:p="urn:p" xmlns=""><p:b><c/></p:b></p:a></doc>'),
    ("prefix-sort case digits",
     '<r xmlns:b="urn:1" xmlns:B="urn:2" xmlns:a1="urn:3" xmlns:a="urn:4" xmlns:_="urn:5" xmlns="urn:6">'
     '<a:e B:x="1" b:x="2" a1:x="3" _:x="4"/></r>'),
    ("prefix-only-in-attr deep",
     '<r xmlns:a="urn:a"><x><y><z a:k="v"/></y></x><w a:k="w"/></r>'),
    ("prefix-sibling-rebind",
     '<r><p:a xmlns:p="urn:1" p:x="1"/><p:a xmlns:p="urn:2" p:x="2"/></r>'),
    ("prefix-rebind attr-use",
     '<r xmlns:p="urn:1"><a xmlns:p="urn:2" p:x="2"><b xmlns:p="urn:1" p:x="1"/></a></r>'),
    ("default-ns attr-prefixed-same-uri",
     '<doc xmlns="urn:d" xmlns:d="urn:d"><e d:x="1"/><d:e x="2"/></doc>'),
    ("text entity-refs", "<r>&lt;tag&gt; &amp;amp; &apos;q&apos; &quot;dq&quot;</r>"),
    ("attr entity-refs", "<r a=\"&lt;&gt;&amp;&apos;&quot;\"/>"),
    ("whitespace-only-text", "<r> <a> </a>\t<b>\n</b>&#32;</r>"),
    ("long-text", "<r>" + ("lorem ipsum &amp; dolor &lt; sit &gt; amet " * 12) + "</r>"),
    ("saml-like",
     '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" '
     'IssueInstant="2026-06-01T00:00:00Z"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">'
     'https://idp.example/</saml:Issuer><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
     'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
     'ID="_a1" Version="2.0" IssueInstant="2026-06-01T00:00:00Z"><saml:Issuer>https://idp.example/</saml:Issuer>'
     '<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">alice</saml:NameID>'
     '</saml:Subject><saml:AttributeStatement><saml:Attribute Name="mail"><saml:AttributeValue xsi:type="xs:string">'
     'alice@example.org</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion>'
     '</samlp:Response>'),
    ("smp-like",
     '<?xml version="1.0" encoding="UTF-8"?>\n<smp:SignedServiceMetadata '
     'xmlns:smp="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05" '
     'xmlns:wsa="http://www.w3.org/2005/08/addressing">\n  <smp:ServiceMetadata>\n'
     '    <smp:ServiceInformation>\n      <smp:ParticipantIdentifier scheme="iso6523-actorid-upis">'
     '0088:1234</smp:ParticipantIdentifier>\n      <smp:DocumentIdentifier scheme="busdox-docid-qns">'
     'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:x?a=1&amp;b=2</smp:DocumentIdentifier>\n'
     '    </smp:ServiceInformation>\n  </smp:ServiceMetadata>\n</smp:SignedServiceMetadata>\n'),
    ("dsig-like",
     '<Envelope xmlns="urn:envelope"><Data Id="d1">payload</Data><ds:Signature '
     'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod '
     'Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:Reference URI="#d1"><ds:Transforms>'
     '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"><ec:InclusiveNamespaces '
     'xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="#default ds"/></ds:Transform>'
     '</ds:Transforms></ds:Reference></ds:SignedInfo></ds:Signature></Envelope>'),
    ("namespace-decl-order",
     '<r xmlns:c="urn:c" xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b"><a:x b:y="1" c:z="2"/></r>'),
    ("ns-attr xml-lang order",
     '<r xmlns:a="urn:a" a:z="1" xml:lang="en" z="2" xml:space="preserve" a:a="3"/>'),
    ("default-ns deep-undeclare",
     '<r xmlns="urn:d"><a><b xmlns=""><c><d xmlns="urn:d"><e/></d></c></b></a></r>'),
    ("xml-lang inherited deep",
     '<r xml:lang="en" xml:space="preserve" xmlns:p="urn:p"><a><p:b><c xml:lang="fr"><d>t</d></c></p:b></a></r>'),
]


# --------------------------------------------------------------------------
# Random documents.
# --------------------------------------------------------------------------
PREFIXES = ["a", "b", "c", "p", "ns1", "x", "Z", "ds", "saml", "xsi", "q_2"]
URIS = ["urn:a", "urn:b", "urn:c", "http://example.org/ns", "http://example.org/ns#frag",
        "urn:x:y:z", "http://www.w3.org/2000/09/xmldsig#", "urn:oasis:names:tc:SAML:2.0:assertion",
        "http://www.w3.org/2001/XMLSchema-instance", "https://example.com/a/b?c=d&amp;e=f", "urn:B"]
LOCALS = ["a", "b", "item", "Data", "x", "Signature", "e", "long-name.with_chars", "Ünïcode", "id", "z"]
ATTR_LOCALS = ["id", "ID", "Id", "a", "b", "z", "type", "name", "x", "Ärger", "_k"]
TEXTS = ["plain", "a & b", "1 < 2", "3 > 2", "\"q\" 'a'", "tab\there", "cr&#13;lf&#10;", "\r\n",
         "Grüße", "日本語", "😀", "&#x1F600;", "&#233;", "&lt;x/&gt;", "]]&gt;", "  ", "\n  ", "", "&#9;"]
ATTR_VALUES = ["v", "a&amp;b", "&lt;&gt;", "&quot;", "'", "t\tab", "&#9;", "&#10;", "&#13;", "x\ny",
               "é", "😀", "", "  sp  ", ">", "&#38;"]
CDATAS = ["<a>&b</a>", "]]", "x > y", "\r\n", "é", ""]
COMMENTS = ["c", " comment ", "", "Grüße", " a - b ", "<not-markup/>"]
PIS = [("pi", "data"), ("pi", ""), ("x-y", "a b  c"), ("target", "?>x".replace("?>", "? >"))]


class RandomDoc:
    def __init__(self, rng):
        self.rng = rng
        self.out = []

    def qname(self, scope, for_attr):
        r = self.rng
        choices = [p for p, u in scope.items() if p is not None and p != "xml" and u]
        if for_attr:
            if choices and r.random() < 0.5:
                return r.choice(choices)
            return None
        if choices and r.random() < 0.6:
            return r.choice(choices)
        return None  # default namespace (whatever is in scope) or none

    def element(self, scope, depth, budget):
        r = self.rng
        scope = dict(scope)
        decls = []
        # namespace declarations on this element
        for _ in range(r.choice([0, 0, 0, 1, 1, 2, 3])):
            if r.random() < 0.25:
                if r.random() < 0.3:
                    decls.append((None, ""))           # xmlns=""
                else:
                    decls.append((None, r.choice(URIS)))
            else:
                p = r.choice(PREFIXES)
                # sometimes redeclare to the same URI as in scope
                if p in scope and r.random() < 0.4:
                    decls.append((p, scope[p]))
                else:
                    decls.append((p, r.choice(URIS)))
        seen = set()
        uniq = []
        for p, u in decls:
            if p in seen:
                continue
            seen.add(p)
            uniq.append((p, u))
        decls = uniq
        for p, u in decls:
            scope[p] = u
        prefix = self.qname(scope, False)
        name = r.choice(LOCALS)
        tag = "%s:%s" % (prefix, name) if prefix else name
        # attributes (unique by expanded name and by qname)
        attrs = []
        expanded = set()
        for _ in range(r.choice([0, 0, 1, 2, 3, 5])):
            ap = self.qname(scope, True)
            al = r.choice(ATTR_LOCALS)
            key = (scope[ap] if ap else "", al)
            if key in expanded:
                continue
            expanded.add(key)
            attrs.append(("%s:%s" % (ap, al) if ap else al, r.choice(ATTR_VALUES)))
        if r.random() < 0.08:
            attrs.append(("xml:lang", r.choice(["en", "fr-CA", ""])))
        if r.random() < 0.05:
            attrs.append(("xml:space", r.choice(["preserve", "default"])))
        items = []
        for p, u in decls:
            items.append(("xmlns:%s" % p if p else "xmlns", u))
        items.extend(attrs)
        r.shuffle(items)
        parts = []
        for n, v in items:
            q = '"' if r.random() < 0.8 or "'" in v else "'"
            if q == "'" and '"' in v:
                q = '"'
            if q == '"' and '"' in v:
                v = v.replace('"', "&quot;")
            sep = r.choice([" ", " ", " ", "  ", "\n  ", "\t"])
            eq = r.choice(["=", "=", "=", " = "])
            parts.append("%s%s%s%s%s%s" % (sep, n, eq, q, v, q))
        head = "<" + tag + "".join(parts)
        nchildren = 0 if depth > 5 or budget[0] <= 0 else r.choice([0, 1, 1, 2, 2, 3, 4])
        if nchildren == 0 and r.random() < 0.5:
            self.out.append(head + r.choice(["/>", " />"]))
            return
        self.out.append(head + ">")
        for _ in range(nchildren):
            budget[0] -= 1
            self.misc_content()
            self.element(scope, depth + 1, budget)
        self.misc_content()
        self.out.append("</" + tag + r.choice([">", ">", " >"]))

    def misc_content(self):
        r = self.rng
        for _ in range(r.choice([0, 0, 1, 1, 2])):
            k = r.random()
            if k < 0.55:
                self.out.append(r.choice(TEXTS))
            elif k < 0.7:
                self.out.append("<![CDATA[%s]]>" % r.choice(CDATAS))
            elif k < 0.85:
                self.out.append("<!--%s-->" % r.choice(COMMENTS))
            else:
                t, d = r.choice(PIS)
                self.out.append("<?%s%s?>" % (t, (" " + d) if d else ""))

    def top_misc(self):
        r = self.rng
        res = []
        for _ in range(r.choice([0, 0, 1, 2])):
            if r.random() < 0.5:
                res.append("<!--%s-->" % r.choice(COMMENTS))
            else:
                t, d = r.choice(PIS)
                res.append("<?%s%s?>" % (t, (" " + d) if d else ""))
            res.append(r.choice(["", "\n", "\n\n", " \t\n"]))
        return res

    def build(self):
        r = self.rng
        if r.random() < 0.6:
            self.out.append(r.choice(['<?xml version="1.0" encoding="UTF-8"?>',
                                      "<?xml version='1.0'?>",
                                      '<?xml version="1.0" encoding="utf-8" standalone="no"?>']))
            self.out.append(r.choice(["", "\n", "\r\n", "\n\n"]))
        self.out.extend(self.top_misc())
        base_scope = {"xml": "http://www.w3.org/XML/1998/namespace"}
        self.element(base_scope, 0, [r.randint(3, 14)])
        self.out.append(r.choice(["", "\n", "\n\n", "\t \n"]))
        self.out.extend(self.top_misc())
        return "".join(self.out)


def random_docs(rng, count):
    docs = []
    while len(docs) < count:
        text = RandomDoc(rng).build()
        if len(text.encode("utf-8")) > 1600:
            continue
        try:
            etree.fromstring(text.encode("utf-8"))
        except etree.XMLSyntaxError:
            continue  # e.g. a prefixed attribute lost its binding through xmlns=""
        docs.append(("random", text))
    return docs


# --------------------------------------------------------------------------
# Canonicalizers.
# --------------------------------------------------------------------------
def parser(remove_comments=False):
    return etree.XMLParser(remove_comments=remove_comments, strip_cdata=False,
                           resolve_entities=False, no_network=True, huge_tree=True)


def xmllint(flag, path):
    res = subprocess.run(["xmllint", "--nonet", flag, str(path)], capture_output=True)
    if res.returncode != 0 or res.stderr:
        raise RuntimeError("xmllint %s %s failed: %s" % (flag, path, res.stderr.decode()))
    return res.stdout


def lxml_c14n(node, exclusive, with_comments, prefixes=None):
    kw = {}
    if prefixes:
        kw["inclusive_ns_prefixes"] = prefixes
    return etree.tostring(node, method="c14n", exclusive=exclusive, with_comments=with_comments, **kw)


def element_at(root, path):
    el = root
    for step in path:
        el = [c for c in el if isinstance(c.tag, str)][step - 1]
    return el


def path_str(path):
    return "/" + "/".join(str(i) for i in path)


def non_root_paths(root):
    res = []

    def walk(el, path):
        kids = [c for c in el if isinstance(c.tag, str)]
        for i, c in enumerate(kids, 1):
            p = path + [i]
            res.append(p)
            walk(c, p)

    walk(root, [])
    return res


XMLSEC_TEMPLATE = (
    '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>'
    '<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
    '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"/>'
    '{refs}</SignedInfo><SignatureValue/></Signature>')
XMLSEC_REF = (
    '<Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116">'
    '<XPath>count(ancestor-or-self::node() | {xp}) = count(ancestor-or-self::node())</XPath></Transform>'
    '<Transform Algorithm="{alg}">{incl}</Transform></Transforms>'
    '<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference>')
C14N10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
EXC = "http://www.w3.org/2001/10/xml-exc-c14n#"


def xmlsec_subtree(src_bytes, path, prefixes, tmp):
    """Node-set canonicalization of the subtree as XML-DSig computes it for a
    same-document reference: xmlsec1 signs a copy of the document carrying
    References with an XPath filter selecting the subtree, and prints the
    pre-digest bytes (--store-references).  Returns [inclusive, exclusive,
    exclusive-with-prefixes or None]."""
    xp = "/*" + "".join("/*[%d]" % i for i in path)
    refs = [XMLSEC_REF.format(xp=xp, alg=C14N10, incl=""), XMLSEC_REF.format(xp=xp, alg=EXC, incl="")]
    if prefixes is not None:
        incl = ('<InclusiveNamespaces xmlns="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="%s"/>'
                % " ".join(prefixes))
        refs.append(XMLSEC_REF.format(xp=xp, alg=EXC, incl=incl))
    sig = XMLSEC_TEMPLATE.format(refs="".join(refs))
    doc = etree.fromstring(src_bytes, parser())
    doc.append(etree.fromstring(sig))
    tpath = tmp / "xmlsec-tmpl.xml"
    tpath.write_bytes(etree.tostring(doc.getroottree(), encoding="UTF-8", xml_declaration=True))
    key = tmp / "hmac.bin"
    key.write_bytes(b"secret")
    res = subprocess.run(["xmlsec1", "--sign", "--hmackey", str(key), "--store-references",
                          "--node-xpath", "/*/*[last()]",
                          "--output", str(tmp / "xmlsec-out.xml"), str(tpath)], capture_output=True)
    if res.returncode != 0:
        raise RuntimeError("xmlsec1 failed: %s" % res.stderr.decode())
    bufs = re.findall(rb"== PreDigest data - start buffer:\n(.*?)\n== PreDigest data - end buffer",
                      res.stdout, re.S)
    if len(bufs) != len(refs):
        raise RuntimeError("xmlsec1: expected %d buffers, got %d" % (len(refs), len(bufs)))
    return bufs + ([None] if prefixes is None else [])


# --------------------------------------------------------------------------
def generate(out_dir, shared):
    rng = random.Random(SEED)
    corpus = out_dir / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    tmp = Path(tempfile.mkdtemp(prefix="c14n-gen-"))
    notes = []          # cross-check findings
    manifest = []
    tags = []

    cases = []          # (id, tags, origin, bytes)
    gen = list(HAND) + random_docs(rng, N_RANDOM_TARGET - len(HAND))
    for i, (t, text) in enumerate(gen, 1):
        cases.append(("%03d" % i, t, "generated", text.encode("utf-8")))
    for num, rel in EXTRA_FILES:
        src = shared / rel
        cases.append(("%03d" % num, "vector", "shared/vectors/" + rel, src.read_bytes()))

    for cid, t, origin, data in cases:
        if b"<!DOCTYPE" in data.upper():
            raise RuntimeError("%s has a DOCTYPE" % cid)
        inp = corpus / ("%s.xml" % cid)
        inp.write_bytes(data)
        tags.append((cid, origin, t))
        tree = etree.parse(str(inp), parser())
        out = {}
        out["c14n10"] = xmllint("--c14n", inp)
        out["c14n11"] = xmllint("--c14n11", inp)
        out["exc"] = xmllint("--exc-c14n", inp)
        out["c14n10-nc"] = lxml_c14n(tree, False, False)
        out["exc-nc"] = lxml_c14n(tree, True, False)
        # lxml has no C14N 1.1: drop the comments with lxml, then xmllint --c14n11.
        stripped = etree.parse(str(inp), parser(remove_comments=True))
        sp = tmp / "stripped.xml"
        sp.write_bytes(etree.tostring(stripped, encoding="UTF-8", xml_declaration=True))
        out["c14n11-nc"] = xmllint("--c14n11", sp)

        # cross-checks
        lx10 = lxml_c14n(tree, False, True)
        lxexc = lxml_c14n(tree, True, True)
        if lx10 != out["c14n10"]:
            notes.append("%s c14n10: xmllint and lxml (with comments) differ" % cid)
        if lxexc != out["exc"]:
            notes.append("%s exc: xmllint and lxml (with comments) differ" % cid)
        if out["c14n11"] != out["c14n10"]:
            notes.append("%s c14n11 differs from c14n10 for the whole document (info)" % cid)
        if out["c14n11-nc"] != out["c14n10-nc"]:
            notes.append("%s c14n11-nc differs from c14n10-nc for the whole document (info)" % cid)
        for kind, rel in UPSTREAM_GOLDEN.get(int(cid), {}).items():
            golden = (shared / rel).read_bytes()
            same = [k for k in (kind[:-3], kind) if out[k] == golden]
            notes.append("%s upstream golden %s equals our %s" % (cid, rel, " and ".join(same) or "NOTHING"))

        for kind in WHOLE_KINDS:
            exp = corpus / ("%s.%s" % (cid, kind))
            exp.write_bytes(out[kind])
            manifest.append((cid, kind, "corpus/%s.xml" % cid, "corpus/%s.%s" % (cid, kind), "-"))

    # subtree cases: a seeded pick among the documents with a non-root element
    # at depth >= 2 (so that something is inherited), preferring hand-written ones
    # that exercise namespaces / xml:* attributes.
    eligible = []
    for cid, t, origin, data in cases:
        root = etree.fromstring(data, parser())
        paths = [p for p in non_root_paths(root) if len(p) >= 1]
        if not paths:
            continue
        eligible.append((cid, t, data, paths))
    srng = random.Random(SEED + 1)
    must = [c for c in eligible if any(k in c[1] for k in
                                       ("ns", "xml-lang", "xml-id", "exclusive", "prefix", "deep",
                                        "like", "undeclare", "vector"))]
    rest = [c for c in eligible if c not in must]
    srng.shuffle(rest)
    chosen = (must + rest)[:max(N_SUBTREE, len(must))]
    chosen.sort(key=lambda c: c[0])
    with_prefixes = set(srng.sample([c[0] for c in chosen], N_PREFIXES))

    for cid, t, data, paths in chosen:
        deeper = [p for p in paths if len(p) >= 2]
        path = srng.choice(deeper or paths)
        root = etree.fromstring(data, parser())
        el = element_at(root, path)
        ps = path_str(path)
        (corpus / ("%s.sub" % cid)).write_text(ps + "\n")
        res = {
            "sub-c14n10-nc": lxml_c14n(el, False, False),
            "sub-exc-nc": lxml_c14n(el, True, False),
        }
        prefixes = None
        if cid in with_prefixes:
            in_scope = sorted(("#default" if k is None else k) for k in el.nsmap if k != "xml")
            k = min(len(in_scope), srng.choice([1, 1, 2, 3]))
            prefixes = srng.sample(in_scope, k) if in_scope else []
            if srng.random() < 0.3 or not prefixes:
                prefixes.append(srng.choice(["#default", "notinscope"]))
            prefixes = list(dict.fromkeys(prefixes))
            (corpus / ("%s.sub.prefixes" % cid)).write_text(" ".join(prefixes) + "\n")
            res["sub-exc-nc-prefixes"] = lxml_c14n(el, True, False, prefixes)
        xs_incl, xs_exc, xs_pref = xmlsec_subtree(data, path, prefixes, tmp)
        res["sub-c14n10-nc-nodeset"] = xs_incl
        if xs_incl != res["sub-c14n10-nc"]:
            notes.append("%s sub %s: inclusive subtree, lxml element c14n differs from xmlsec1 node-set "
                         "c14n (see .sub.c14n10-nc-nodeset)" % (cid, ps))
        if xs_exc != res["sub-exc-nc"]:
            notes.append("%s sub %s: exclusive subtree, lxml differs from xmlsec1" % (cid, ps))
        if prefixes is not None and xs_pref != res["sub-exc-nc-prefixes"]:
            if "#default" in prefixes:
                # lxml silently drops "#default" (it only passes on prefixes found in the
                # document's name dictionary), so here the expected bytes come from xmlsec1.
                notes.append("%s sub %s prefixes %s: lxml ignores #default; expected file taken from xmlsec1"
                             % (cid, ps, " ".join(prefixes)))
                res["sub-exc-nc-prefixes"] = xs_pref
            else:
                notes.append("%s sub %s prefixes %s: lxml differs from xmlsec1" % (cid, ps, " ".join(prefixes)))
        for kind, val in res.items():
            suffix = kind[len("sub-"):]
            (corpus / ("%s.sub.%s" % (cid, suffix))).write_bytes(val)
            extra = ps if kind != "sub-exc-nc-prefixes" else ps + " " + " ".join(prefixes)
            manifest.append((cid, kind, "corpus/%s.xml" % cid, "corpus/%s.sub.%s" % (cid, suffix), extra))

    with open(out_dir / "manifest.tsv", "w", newline="\n") as f:
        f.write("id\tkind\tinput\texpected\textra\n")
        for row in manifest:
            f.write("\t".join(row) + "\n")
    with open(out_dir / "tags.tsv", "w", newline="\n") as f:
        f.write("id\torigin\ttags\n")
        for row in tags:
            f.write("\t".join(row) + "\n")
    with open(out_dir / "crosscheck.txt", "w", newline="\n") as f:
        f.write("# Written by gen_corpus.py: disagreements between the independent canonicalizers.\n")
        for n in notes:
            f.write(n + "\n")
    shutil.rmtree(tmp)
    return notes, len(cases), sum(1 for _ in chosen), len(with_prefixes)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("TRUSTMETA_SHARED_VECTORS", DEFAULT_SHARED)))
    ap.add_argument("--check", action="store_true", help="regenerate in a temp dir and compare")
    args = ap.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as d:
            generate(Path(d), args.shared)
            res = subprocess.run(["diff", "-r", "-q", str(Path(d)), str(HERE),
                                  "-x", "README.md", "-x", "gen_corpus.py", "-x", "__pycache__"])
            sys.exit(res.returncode)
    notes, n, nsub, npref = generate(HERE, args.shared)
    print("%d inputs, %d subtree cases, %d with prefix lists" % (n, nsub, npref))
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
