#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Extract the XML Schemas embedded in the ePhyto Hub WSDL into data/schemas.

The WSDL's <wsdl:types> holds one <xs:schema> per target namespace, which
import each other by namespace only and rely on prefixes declared on the
WSDL's root. libxml2 compiles a schema from a file, so each one is written to
its own file, named after its namespace, with the namespace declarations it
inherited copied onto it and a schemaLocation on every import that names the
sibling file. The WSDL is copied beside them, since they are derived from it.

Run by hand when the WSDL changes; the output is committed and the build does
not need this script. With --check, it regenerates into a temporary directory
and compares with data/schemas instead (exit 1 when they differ, 77 when the
WSDL is not available, which meson reports as a skipped test).

  build-aux/extract-schemas.py --wsdl PATH/ephyto-hub.wsdl
  build-aux/extract-schemas.py --check --wsdl PATH/ephyto-hub.wsdl
"""

import argparse
import filecmp
import os
import pathlib
import sys
import tempfile
import xml.dom
import xml.dom.minidom
import xml.parsers.expat

WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/'
XSD_NS = 'http://www.w3.org/2001/XMLSchema'

WSDL_NAME = 'ephyto-hub.wsdl'

# One file per target namespace. A namespace missing here is an error rather
# than a guessed name, so that a new WSDL cannot silently change the layout.
NAMESPACE_FILES = {
    'http://ephyto.ippc.int/': 'ephyto.xsd',
    'http://ephyto.ippc.int/HUB.Entities': 'ephyto-hub-entities.xsd',
    'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21':
        'rabie-21.xsd',
    'urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17': 'sps-acknowledgement-17.xsd',
    'urn:un:unece:uncefact:data:standard:SPSCertificate:17': 'sps-certificate-17.xsd',
    # The WSDL really spells this one "Standard", unlike the others.
    'urn:un:unece:uncefact:data:Standard:QualifiedDataType:21': 'qdt-21.xsd',
    'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21': 'udt-21.xsd',
}

# Attributes of schema components whose values are QNames: their prefixes
# must be declared in the file, or libxml2 cannot resolve the reference.
QNAME_ATTRIBUTES = ('type', 'ref', 'base', 'itemType', 'substitutionGroup', 'refer')

HEADER = '''<!-- {name}: the XML Schema of the namespace
     {namespace}
     extracted from the IPPC ePhyto Hub's WSDL ({wsdl}) by
     build-aux/extract-schemas.py. Do not edit: run the script again.
     Copyright 2024 Mattilsynet - Norwegian Food Safety Authority,
     MIT licence: see LICENCE-Mattilsynet.md. -->
'''


class ExtractError(Exception):
    pass


def source_root():
    return pathlib.Path(__file__).resolve().parent.parent


def default_wsdl():
    reference = os.environ.get('ECERT_REFERENCE_DIR')
    base = pathlib.Path(reference) if reference else source_root().parent / 'shared'
    return base / 'reference' / 'ephyto' / WSDL_NAME


def declarations(element):
    """The namespace declarations written on element, in document order,
    as (attribute name, namespace) pairs."""
    return [(attr.name, attr.value) for attr in element.attributes.values()
            if attr.name == 'xmlns' or attr.name.startswith('xmlns:')]


def inherited_declarations(schema):
    """Declarations in scope on schema's ancestors that schema does not
    redeclare itself: the nearest ancestor wins, as in XML."""
    own = {name for name, _ in declarations(schema)}
    found = {}
    ancestor = schema.parentNode
    while ancestor is not None and ancestor.nodeType == ancestor.ELEMENT_NODE:
        for name, namespace in declarations(ancestor):
            if name not in own and name not in found:
                found[name] = namespace
        ancestor = ancestor.parentNode
    return sorted(found.items())


def element_children(node, namespace, local_name):
    return [child for child in node.childNodes
            if child.nodeType == child.ELEMENT_NODE
            and child.namespaceURI == namespace and child.localName == local_name]


def set_declarations_first(schema, extra):
    """Rewrites schema's attributes so that its own namespace declarations
    come first, then the inherited ones, then the other attributes."""
    attributes = [(attr.name, attr.value) for attr in schema.attributes.values()]
    own = declarations(schema)
    other = [(name, value) for name, value in attributes if (name, value) not in own]
    for name, _ in attributes:
        schema.removeAttribute(name)
    for name, value in own + extra + other:
        schema.setAttribute(name, value)


def add_schema_locations(schema, namespace):
    for kind in ('include', 'redefine', 'override'):
        if element_children(schema, XSD_NS, kind):
            raise ExtractError(f'the schema of {namespace} has an xs:{kind}, '
                               'which this script does not handle')
    for imported in element_children(schema, XSD_NS, 'import'):
        target = imported.getAttribute('namespace')
        if target not in NAMESPACE_FILES:
            raise ExtractError(f'the schema of {namespace} imports {target}, '
                               'which the WSDL does not define')
        imported.setAttribute('schemaLocation', NAMESPACE_FILES[target])


def check_prefixes(schema, namespace):
    declared = {name.partition(':')[2] for name, _ in declarations(schema)
                if name.startswith('xmlns:')}
    for element in schema.getElementsByTagNameNS(XSD_NS, '*'):
        for attribute in QNAME_ATTRIBUTES:
            prefix, colon, _ = element.getAttribute(attribute).partition(':')
            if colon and prefix not in declared:
                raise ExtractError(f'the schema of {namespace} uses the prefix {prefix} '
                                   f'in {attribute}="{element.getAttribute(attribute)}" '
                                   'without declaring it')


def dedent(schema, indent):
    """Moves the schema to the left margin: inside the WSDL it is indented
    by its depth there."""
    for node in schema.getElementsByTagName('*') + [schema]:
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE and child.data.strip() == '':
                child.data = child.data.replace('\n' + indent, '\n')


def schema_indent(schema):
    before = schema.previousSibling
    if before is not None and before.nodeType == before.TEXT_NODE:
        return before.data.rpartition('\n')[2]
    return ''


def render(schema, wsdl_name):
    namespace = schema.getAttribute('targetNamespace')
    name = NAMESPACE_FILES[namespace]
    set_declarations_first(schema, inherited_declarations(schema))
    add_schema_locations(schema, namespace)
    check_prefixes(schema, namespace)
    dedent(schema, schema_indent(schema))
    return name, ('<?xml version="1.0" encoding="UTF-8"?>\n'
                  + HEADER.format(name=name, namespace=namespace, wsdl=wsdl_name)
                  + schema.toxml() + '\n')


def extract(wsdl_path, output):
    data = wsdl_path.read_bytes()
    document = xml.dom.minidom.parseString(data)
    types = element_children(document.documentElement, WSDL_NS, 'types')
    if len(types) != 1:
        raise ExtractError(f'{wsdl_path} has {len(types)} wsdl:types elements, not one')

    schemas = element_children(types[0], XSD_NS, 'schema')
    namespaces = [schema.getAttribute('targetNamespace') for schema in schemas]
    unknown = sorted(set(namespaces) - set(NAMESPACE_FILES))
    if unknown:
        raise ExtractError('no file name for the namespace(s) ' + ', '.join(unknown))
    if len(set(namespaces)) != len(namespaces) or set(namespaces) != set(NAMESPACE_FILES):
        raise ExtractError('the WSDL does not define each expected namespace exactly once')

    output.mkdir(parents=True, exist_ok=True)
    written = []
    for schema in schemas:
        name, text = render(schema, WSDL_NAME)
        (output / name).write_text(text, encoding='utf-8', newline='\n')
        written.append(name)
    (output / WSDL_NAME).write_bytes(data)
    written.append(WSDL_NAME)
    return sorted(written)


def check(wsdl_path, output):
    with tempfile.TemporaryDirectory() as scratch:
        expected = extract(wsdl_path, pathlib.Path(scratch))
        problems = []
        for name in expected:
            committed = output / name
            if not committed.exists():
                problems.append(f'{committed} is missing')
            elif not filecmp.cmp(committed, pathlib.Path(scratch) / name, shallow=False):
                problems.append(f'{committed} differs from what {wsdl_path} gives')
        for stale in sorted(output.glob('*.xsd')):
            if stale.name not in expected:
                problems.append(f'{stale} is not extracted from the WSDL any more')
    for problem in problems:
        print(problem)
    if problems:
        print(f'Run: {sys.argv[0]} --wsdl {wsdl_path} --output {output}')
        return 1
    print(f'{output} is up to date with {wsdl_path}')
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.partition('\n')[0])
    parser.add_argument('--wsdl', type=pathlib.Path, default=default_wsdl(),
                        help='the ePhyto Hub WSDL (default: %(default)s)')
    parser.add_argument('--output', type=pathlib.Path,
                        default=source_root() / 'data' / 'schemas',
                        help='where the schemas go (default: %(default)s)')
    parser.add_argument('--check', action='store_true',
                        help='compare with --output instead of writing to it')
    args = parser.parse_args()

    if not args.wsdl.is_file():
        print(f'{args.wsdl} is not available')
        return 77 if args.check else 2

    try:
        if args.check:
            return check(args.wsdl, args.output)
        for name in extract(args.wsdl, args.output):
            print(args.output / name)
    except (ExtractError, xml.parsers.expat.ExpatError) as error:
        print(f'{args.wsdl}: {error}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
