"""A tiny XML writer: nested dicts/lists to elements. A list's entries are <item> elements
(EC2's style) or <member> elements (the other Query APIs': IAM, STS)."""
from xml.sax.saxutils import escape


def to_xml(name, value, item="item"):
    """dict -> child elements; list -> `item` children; None is skipped; rest is text."""
    if value is None:
        return ""
    if isinstance(value, dict):
        inner = "".join(to_xml(k, v, item) for k, v in value.items())
    elif isinstance(value, list):
        inner = "".join(to_xml(item, v, item) for v in value)
    elif isinstance(value, bool):
        inner = "true" if value else "false"
    else:
        inner = escape(str(value))
    return f"<{name}>{inner}</{name}>"


def document(root, namespace, fields, item="item"):
    body = "".join(to_xml(k, v, item) for k, v in fields.items())
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{namespace}">{body}</{root}>'
            ).encode()
