"""Finishing the tagged PDF WeasyPrint writes, so that it is clean PDF/UA-1 (for the
jaarverslag and the certificate): `write_pdf(finisher=finish, pdf_variant="pdf/ua-1")`.

WeasyPrint (70) tags the document from its HTML, but leaves a few things a screen reader
trips over (see Kozea/WeasyPrint#1836 and #2482). The finisher, WeasyPrint's public hook
that receives the PDF's objects (pydyf) before they are written, sets them right:

- the running headers, footers and page numbers (the page's margin boxes) are tagged but
  hang outside the structure tree: their content becomes `/Artifact` (pagination) and
  leaves the tree's ParentTree;
- a list whose every item links to a place in the document is a table of contents: its
  list becomes `TOC`, its items `TOCI`, each item's link a `Reference`;
- table header cells get a `Scope` (column in the head, row in the body) beside the IDs
  WeasyPrint gives them;
- a `<span>` of the text (the templates use `<span lang="…">` only to mark a phrase in
  another language) gets that language: FOREIGN_LANGUAGE;
- the document opens with its outline (`PageMode /UseOutlines`).

The leaders of the contents are drawn as a dotted border, which WeasyPrint already marks
as an artifact. Each step works on the structure WeasyPrint produces, not on the HTML.
"""

import pydyf

FOREIGN_LANGUAGE = "en"


def _number(reference) -> int | None:
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return int(reference.split()[0])
    return None


class _Tree:
    """The PDF's objects by number, and the structure elements reachable from the root."""

    def __init__(self, pdf):
        self.pdf = pdf
        root = self.get(pdf.catalog["StructTreeRoot"])
        self.root = root
        self.document = self.get(root["K"][0])
        self.parent_tree = self.get(root["ParentTree"])
        self.reachable: list = []
        seen: set[int] = set()
        stack = [self.document]
        while stack:
            element = stack.pop()
            if element.number in seen:
                continue
            seen.add(element.number)
            self.reachable.append(element)
            stack.extend(reversed(list(self.children(element))))
        self.reachable_numbers = seen

    def get(self, reference):
        number = _number(reference)
        return self.pdf.objects[number] if number is not None else reference

    def children(self, element):
        kids = element.get("K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            child = self.get(kid)
            if isinstance(child, dict) and child.get("Type") == "/StructElem":
                yield child

    def tag(self, element) -> str:
        return str(element.get("S", ""))[1:]


def finish(document, pdf) -> None:
    """The finisher: every step below on the PDF WeasyPrint built."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    tree = _Tree(pdf)
    _margins_as_artifacts(tree)
    _tables_of_contents(tree)
    _header_scopes(tree)
    _foreign_phrases(tree)
    pdf.catalog["PageMode"] = "/UseOutlines"


def _margins_as_artifacts(tree: _Tree) -> None:
    """Content whose structure element is not in the tree (the margin boxes) becomes a
    pagination artifact in the page's content stream; its MCID leaves the ParentTree."""
    nums = tree.parent_tree["Nums"]
    page_numbers = tree.pdf.pages["Kids"][::3]
    for index, page_number in enumerate(page_numbers):
        mapping = nums[2 * index + 1]
        stale = set()
        for mcid, reference in enumerate(mapping):
            element = tree.get(reference)
            if isinstance(element, dict) and element.number not in tree.reachable_numbers:
                stale.add(mcid)
                mapping[mcid] = "null"
        if not stale:
            continue
        page = tree.pdf.objects[page_number]
        stream = tree.get(page["Contents"])
        operations = stream.stream
        for position, operation in enumerate(operations):
            if isinstance(operation, dict) and operation.get("MCID") in stale:
                operations[position - 1] = "/Artifact"
                operations[position] = pydyf.Dictionary({"Type": "/Pagination"})


def _links_inside(tree: _Tree, element) -> list:
    found, stack = [], [element]
    while stack:
        current = stack.pop()
        if tree.tag(current) == "Link":
            found.append(current)
        stack.extend(tree.children(current))
    return found


def _internal_link(tree: _Tree, link) -> bool:
    kids = link.get("K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        reference = tree.get(kid)
        if isinstance(reference, dict) and reference.get("Type") == "/OBJR":
            annotation = tree.get(reference["Obj"])
            if "Dest" in annotation:
                return True
    return False


def _is_contents(tree: _Tree, element) -> bool:
    items = [child for child in tree.children(element) if tree.tag(child) == "LI"]
    return bool(items) and all(
        any(_internal_link(tree, link) for link in _links_inside(tree, item)) for item in items
    )


def _tables_of_contents(tree: _Tree) -> None:
    for element in tree.reachable:
        if tree.tag(element) == "L" and _is_contents(tree, element):
            element["S"] = "/TOC"
            for item in tree.children(element):
                if tree.tag(item) == "LI":
                    item["S"] = "/TOCI"
                    for part in tree.children(item):
                        if tree.tag(part) in ("LBody", "NonStruct"):
                            part["S"] = "/Reference"


def _header_scopes(tree: _Tree) -> None:
    for element in tree.reachable:
        if tree.tag(element) != "TH":
            continue
        row = tree.get(element.get("P"))
        group = tree.get(row.get("P")) if isinstance(row, dict) else None
        in_head = isinstance(group, dict) and tree.tag(group) == "THead"
        attributes = element.get("A")
        if not isinstance(attributes, dict):
            attributes = element["A"] = pydyf.Dictionary({"O": "/Table"})
        attributes["Scope"] = "/Column" if in_head else "/Row"


def _foreign_phrases(tree: _Tree) -> None:
    """A Span made for an HTML element (its kids are structure elements, not marked
    content) is a `<span lang=…>`: it gets the foreign language."""
    for element in tree.reachable:
        if tree.tag(element) == "Span" and any(True for _child in tree.children(element)):
            element["Lang"] = pydyf.String(FOREIGN_LANGUAGE)
