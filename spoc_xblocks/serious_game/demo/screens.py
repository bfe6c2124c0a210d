"""The demo simulation's screenshots: a made-up help-desk application, drawn as SVG in English and
French, with the rectangles its hotspots use.

The pictures are committed under static/screens/; after changing this module, draw them again with
`python -m spoc_xblocks.serious_game.demo.screens` (a test checks they are up to date, and that the
demo scenarios' hotspots are the rectangles drawn here).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 960, 600
SCREENS_FOLDER = Path(__file__).resolve().parent.parent / "static" / "screens"
INK, MUTED, LINE, PANEL, ACCENT, BAR = (
    "#1f2933",
    "#52606d",
    "#9aa5b1",
    "#f5f7fa",
    "#0b5cad",
    "#102a43",
)


@dataclass(frozen=True)
class Control:
    """Something drawn on a screen, in fractions of the picture; `kind` says how it looks."""

    id: str
    x: float
    y: float
    width: float
    height: float
    kind: str  # "field", "button", "row" or "link"
    label: dict


# Every screen: its title and its controls; the demo scenarios' hotspots have the controls' ids.
SCREENS = {
    "home": (
        {"en": "Tickets: my queue", "fr": "Tickets : ma file"},
        (
            Control(
                "search_box",
                0.25,
                0.15,
                0.5,
                0.08,
                "field",
                {"en": "Search customers…", "fr": "Rechercher un client…"},
            ),
            Control(
                "new_ticket",
                0.8,
                0.15,
                0.15,
                0.08,
                "button",
                {"en": "New ticket", "fr": "Nouveau ticket"},
            ),
            Control(
                "queue_row",
                0.25,
                0.35,
                0.7,
                0.08,
                "row",
                {
                    "en": "#5521  Charged twice for March  ·  Open",
                    "fr": "#5521  Débitée deux fois en mars  ·  Ouvert",
                },
            ),
        ),
    ),
    "customer": (
        {"en": "Customer: Ana Martin (AC-1042)", "fr": "Client : Ana Martin (AC-1042)"},
        (
            Control(
                "edit_customer",
                0.8,
                0.15,
                0.15,
                0.08,
                "button",
                {"en": "Edit customer", "fr": "Modifier"},
            ),
            Control(
                "invoice_0815",
                0.25,
                0.4,
                0.7,
                0.08,
                "row",
                {
                    "en": "INV-0815  March  €42.50  ·  Paid ×2",
                    "fr": "INV-0815  Mars  42,50 €  ·  Payée ×2",
                },
            ),
            Control(
                "invoice_0799",
                0.25,
                0.5,
                0.7,
                0.08,
                "row",
                {
                    "en": "INV-0799  February  €42.50  ·  Paid",
                    "fr": "INV-0799  Février  42,50 €  ·  Payée",
                },
            ),
        ),
    ),
    "invoice": (
        {"en": "Invoice INV-0815", "fr": "Facture INV-0815"},
        (
            Control(
                "payments",
                0.25,
                0.3,
                0.7,
                0.16,
                "row",
                {
                    "en": "Payments: 3 Mar €42.50 · 3 Mar €42.50",
                    "fr": "Paiements : 3 mars 42,50 € · 3 mars 42,50 €",
                },
            ),
            Control(
                "print",
                0.5,
                0.8,
                0.2,
                0.08,
                "button",
                {"en": "Print", "fr": "Imprimer"},
            ),
            Control(
                "refund",
                0.75,
                0.8,
                0.2,
                0.08,
                "button",
                {"en": "Issue refund", "fr": "Rembourser"},
            ),
        ),
    ),
}
NAVIGATION = (
    {"en": "Tickets", "fr": "Tickets"},
    {"en": "Customers", "fr": "Clients"},
    {"en": "Invoices", "fr": "Factures"},
    {"en": "Reports", "fr": "Rapports"},
)


def file_name(screen: str, language: str) -> str:
    return f"helpdesk-{screen}-{language}.svg"


def _control(control: Control, language: str) -> str:
    x, y = control.x * WIDTH, control.y * HEIGHT
    width, height = control.width * WIDTH, control.height * HEIGHT
    label = escape(control.label[language])
    fill, stroke, ink, weight = {
        "field": ("#ffffff", LINE, MUTED, "normal"),
        "button": (ACCENT, ACCENT, "#ffffff", "bold"),
        "row": ("#ffffff", LINE, INK, "normal"),
        "link": ("none", "none", ACCENT, "normal"),
    }[control.kind]
    middle = x + width / 2 if control.kind == "button" else x + 14
    anchor = "middle" if control.kind == "button" else "start"
    return (
        f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" rx="4" '
        f'fill="{fill}" stroke="{stroke}"/>\n'
        f'<text x="{middle:g}" y="{y + height / 2 + 6:g}" text-anchor="{anchor}" fill="{ink}" '
        f'font-weight="{weight}">{label}</text>\n'
    )


def draw(screen: str, language: str) -> str:
    """One screenshot as SVG text."""
    title, controls = SCREENS[screen]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Arial, Helvetica, sans-serif" '
        f'font-size="18">\n',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PANEL}"/>\n',
        f'<rect width="{WIDTH}" height="56" fill="{BAR}"/>\n',
        '<text x="24" y="36" fill="#ffffff" font-size="22" font-weight="bold">HelpDesk</text>\n',
        f'<rect x="0" y="56" width="200" height="{HEIGHT - 56}" fill="#e4e7eb"/>\n',
    ]
    for number, item in enumerate(NAVIGATION):
        parts.append(
            f'<text x="24" y="{100 + 44 * number}" fill="{INK}">{escape(item[language])}</text>\n'
        )
    parts.append(
        f'<text x="{0.25 * WIDTH:g}" y="{0.1 * HEIGHT + 12:g}" fill="{INK}" font-size="22" '
        f'font-weight="bold">{escape(title[language])}</text>\n'
    )
    parts += [_control(control, language) for control in controls]
    parts.append("</svg>\n")
    return "".join(parts)


def drawings() -> dict[str, str]:
    """Every screenshot's file name and SVG text."""
    return {
        file_name(screen, language): draw(screen, language)
        for screen in SCREENS
        for language in ("en", "fr")
    }


def controls_by_id(screen: str) -> dict[str, Control]:
    return {control.id: control for control in SCREENS[screen][1]}


def main() -> None:
    SCREENS_FOLDER.mkdir(parents=True, exist_ok=True)
    for name, svg in drawings().items():
        (SCREENS_FOLDER / name).write_text(svg, encoding="utf-8")


if __name__ == "__main__":
    main()
