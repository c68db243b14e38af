"""Reading a generated jaarverslag back: its structure tree and outline (with pypdf), and
its pages as WeasyPrint laid them out (to measure how full each page is)."""

import io

from django.conf import settings
from pypdf import PdfReader

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "caption"}


def structure(pdf: bytes) -> list[tuple[str, int | None, str]]:
    """The tagged PDF's structure elements in reading order: (tag, page index, alt text)."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    found = []

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            page = node.get("/Pg")
            found.append(
                (
                    str(node["/S"])[1:],
                    pages.get(page.idnum) if page is not None else None,
                    str(node.get("/Alt", "")),
                )
            )
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int) and "/S" in kid.get_object():
                walk(kid)

    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    for kid in root["/K"] if isinstance(root["/K"], list) else [root["/K"]]:
        walk(kid)
    return found


def outline(pdf: bytes) -> list[tuple[int, str]]:
    """The bookmarks as (level, title), level 1 the outermost."""
    titles = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                titles.append((level, item.title))

    walk(PdfReader(io.BytesIO(pdf)).outline, 1)
    return titles


def laid_out_pages(html: str) -> list:
    """Each page's box tree as WeasyPrint lays it out: `Document.pages[i]` exposes it only
    as `_page_box`, which WeasyPrint's own layout tests read as well."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return [page._page_box for page in document.pages]


def _leaves(box, ancestors=()):
    """(box, ancestors' boxes) for each line, image or empty block, in the order printed."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox | boxes.ReplacedBox) or not (
        isinstance(box, boxes.ParentBox) and box.children
    ):
        yield box, ancestors
        return
    for child in box.children:
        yield from _leaves(child, (*ancestors, box))


def in_flow(page_box):
    """The leaves of the page's content, without the running header and footer."""
    return list(_leaves(page_box.children[0]))


def fill(page_box) -> float:
    """How much of the page's content area is used, from its top to its lowest line."""
    lowest = max(
        (
            leaf.position_y + leaf.margin_top + leaf.border_height()
            for leaf, _a in in_flow(page_box)
        ),
        default=page_box.content_box_y(),
    )
    return (lowest - page_box.content_box_y()) / page_box.height


def ends_with_heading(page_box) -> bool:
    leaves = in_flow(page_box)
    if not leaves:
        return False
    leaf, ancestors = max(
        leaves, key=lambda item: item[0].position_y + item[0].margin_top + item[0].border_height()
    )
    return any(getattr(box, "element_tag", None) in HEADINGS for box in (*ancestors, leaf))


def pages_of(page_boxes, wanted) -> dict:
    """{element: set of page indexes} for the elements `wanted(box)` selects."""
    found: dict = {}

    def walk(box, index):
        if getattr(box, "element", None) is not None and wanted(box):
            found.setdefault(box.element, set()).add(index)
        for child in getattr(box, "children", ()):
            walk(child, index)

    for index, page_box in enumerate(page_boxes):
        walk(page_box.children[0], index)
    return found


# --- the content streams and structure tree, with pikepdf ------------------------------

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def tagged_and_artifact_texts(data: bytes) -> list[tuple[str, str]]:
    """Per page, (text of the tagged content, text of the artifacts): each read back from
    a copy of the PDF whose content streams show only that part's text."""
    import pikepdf

    texts = {}
    for keep in ("tagged", "artifact"):
        with pikepdf.open(io.BytesIO(data)) as document:
            for page in document.pages:
                kept, stack = [], []
                for operands, operator in pikepdf.parse_content_stream(page):
                    name = str(operator)
                    if name in ("BDC", "BMC"):
                        stack.append(str(operands[0]))
                    elif name == "EMC" and stack:
                        stack.pop()
                    in_artifact = "/Artifact" in stack
                    if name in TEXT_SHOWING and in_artifact != (keep == "artifact"):
                        continue
                    kept.append((operands, operator))
                page.Contents = document.make_stream(pikepdf.unparse_content_stream(kept))
            out = io.BytesIO()
            document.save(out)
        texts[keep] = [
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(out.getvalue())).pages
        ]
    return list(zip(texts["tagged"], texts["artifact"], strict=True))


def decoded_qr_codes(data: bytes, pages=None, scale: float = 3) -> list[str]:
    """Every QR code on the PDF's pages (or on the pages of index `pages`), rendered (pdfium)
    and decoded (zxing-cpp)."""
    import pypdfium2
    import zxingcpp

    found = []
    document = pypdfium2.PdfDocument(data)
    try:
        for index, page in enumerate(document):
            if pages is not None and index not in pages:
                continue
            image = page.render(scale=scale).to_pil()
            found += [
                result.text
                for result in zxingcpp.read_barcodes(image)
                if result.format == zxingcpp.BarcodeFormat.QRCode
            ]
    finally:
        document.close()
    return found


def _kids(node):
    import pikepdf

    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid


def structure_elements(root) -> set:
    """The (object, generation) of every structure element reachable from the root."""
    seen, stack = set(), list(_kids(root))
    while stack:
        element = stack.pop()
        if element.objgen in seen:
            continue
        seen.add(element.objgen)
        stack.extend(_kids(element))
    return seen


def find_elements(node, tag: str) -> list:
    """The structure elements with tag `tag` under `node`, in reading order."""
    found = []

    def walk(element):
        for kid in _kids(element):
            if str(kid.S) == tag:
                found.append(kid)
            walk(kid)

    walk(node)
    return found


def boxes(page_box, wanted):
    """The page's boxes (of elements) that `wanted(box)` selects."""
    stack = [page_box]
    while stack:
        box = stack.pop()
        if getattr(box, "element", None) is not None and wanted(box):
            yield box
        stack.extend(getattr(box, "children", ()))
