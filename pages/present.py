"""Present: one slide at a time on a projector, moved by a clicker, bound to the address (?deck=...&slide=3&notes=1)."""

import streamlit as st

import ui
from core.content.problems import CODE_ROOT
from core.domain.decks import slide_number
from core.views.render import md_escape
from core.views.slides import notes_html, slide_html

t, site = ui.strings(), ui.site()
st.html(f"<style>{ui.PRESENT_STYLE}</style>")
decks = site.decks
deck_id = st.query_params.get("deck", "")


def downloads(deck: str, prefix: str) -> None:
    """The deck as a PDF, with and without notes: for a venue whose laptop cannot reach the site."""
    for notes in (False, True):
        suffix = "_notes" if notes else ""
        ui.pdf_download(
            t(f"present.download_deck{suffix}"),
            ui.deck_pdf_maker(deck, notes),
            f"{deck}{suffix.replace('_', '-')}.pdf",
            f"{prefix}_pdf{suffix}",
            ":material/picture_as_pdf:",
        )


def show_chooser() -> None:
    st.title(t("present.chooser_heading"))
    if deck_id:
        st.warning(md_escape(t("present.unknown_deck", deck=deck_id[:80])), icon=":material/info:")
    st.markdown(md_escape(t("present.chooser_intro")))
    ui.handout_download("present_handout_chooser")
    shown = [(key, part) for key, part in decks.items() if part.ok]
    if not shown:
        st.info(t("present.no_decks"), icon=":material/info:")
    for key, part in shown:
        deck = part.value.deck
        with st.container(border=True):
            st.header(md_escape(deck.title))
            st.markdown(md_escape(deck.summary))
            details = t("present.chooser_item", count=len(ui.deck_slides(key)), audience=deck.audience)
            if deck.minutes:
                details += " · " + t("present.chooser_minutes", minutes=deck.minutes)
            st.caption(md_escape(details))
            downloads(key, f"chooser_{key}")
            st.page_link(
                CODE_ROOT / "pages" / "present.py",
                label=t("present.chooser_start", title=deck.title),
                icon=":material/slideshow:",
                query_params={"deck": key, "slide": "1"} | ({"lang": ui.lang()} if "lang" in st.query_params else {}),
            )
    for part in decks.values():
        if not part.ok:
            ui.show_problems(part.problems)


def show_deck() -> None:
    """One slide of the deck, its controls and, when asked, its notes."""
    slides = ui.deck_slides(deck_id)
    total = len(slides)
    number = slide_number(st.query_params.get("slide"), total)
    notes = st.query_params.get("notes") == "1"
    # The address is the state. Written on every run: junk or out of range becomes slide 1, and a link from
    # the deck chooser (a page switch, after which Streamlit 1.67 can leave the old address) shows the deck.
    address = {key: value for key, value in st.query_params.to_dict().items() if key not in ("deck", "slide", "notes")}
    st.query_params.from_dict(address | {"deck": deck_id, "slide": str(number)} | ({"notes": "1"} if notes else {}))

    def current() -> int:
        """The slide the address names now: a press counts from there, even if it arrives before the page has redrawn."""
        return slide_number(st.query_params.get("slide"), total)

    def go(step: int) -> None:
        """Move by `step` slides (or to the first or last with -total or +total), staying inside the deck."""
        st.query_params["slide"] = str(min(max(current() + step, 1), total))

    def toggle_notes() -> None:
        """Notes on or off, kept in the address (&notes=1) so the laptop and the projector can differ."""
        if st.query_params.get("notes") == "1":
            del st.query_params["notes"]
        else:
            st.query_params["notes"] = "1"

    slide = slides[number - 1]
    with st.container(key="present-slide"):
        note = t("frame.translation_unreviewed") if site.unreviewed(ui.PRESENT_PATH) else ""
        html = slide_html(slide, number, total, t, note)
        st.html(html.top)
        with st.container(key="present-chart"):  # always there, so the slide's parts keep their places between slides
            if slide.series:
                spec, alt = ui.slide_chart(slide.series)
                st.vega_lite_chart(spec, use_container_width=True, theme=None, alt=alt)
        st.html(html.bottom)

    with st.container(key="present-controls", horizontal=True, vertical_alignment="center"):
        st.button(
            t("present.first"), key="present_first", on_click=go, args=(-total,), shortcut="Home", icon=":material/first_page:"
        )
        st.button(
            t("present.previous"),
            key="present_previous",
            on_click=go,
            args=(-1,),
            shortcut="PageUp",
            icon=":material/chevron_left:",
        )
        st.button(
            t("present.next"),
            key="present_next",
            on_click=go,
            args=(1,),
            shortcut="PageDown",
            icon=":material/chevron_right:",
            help=t("present.keys_help"),
        )
        st.button(t("present.last"), key="present_last", on_click=go, args=(total,), shortcut="End", icon=":material/last_page:")
        # A button, not a checkbox: a clicker's keys keep working after it is pressed.
        st.button(
            t("present.notes_hide" if notes else "present.notes_show"),
            key="present_notes",
            on_click=toggle_notes,
            icon=":material/speaker_notes_off:" if notes else ":material/speaker_notes:",
        )
        with st.popover(t("present.downloads"), icon=":material/download:"):
            downloads(deck_id, "slide")
            ui.handout_download("present_handout")
        st.page_link(
            CODE_ROOT / "pages" / "present.py",
            label=t("present.all_decks"),
            icon=":material/view_list:",
            query_params={"lang": ui.lang()} if "lang" in st.query_params else {},
        )

    with st.container(key="present-keys"):  # the clicker's other keys: hidden buttons, the same moves
        st.button(t("present.previous"), key="present_left", on_click=go, args=(-1,), shortcut="Left")
        st.button(t("present.next"), key="present_right", on_click=go, args=(1,), shortcut="Right")
        st.button(t("present.next"), key="present_space", on_click=go, args=(1,), shortcut="Space")

    if notes:
        st.header(t("present.notes_heading"))
        st.html(notes_html(slide, t))


if deck_id not in decks or not decks[deck_id].ok:  # no st.stop(): the frame's footer still follows
    if deck_id in decks:
        ui.show_problems(decks[deck_id].problems)
    show_chooser()
    st.query_params.from_dict({"lang": ui.lang()} if "lang" in st.query_params else {})
else:
    show_deck()
