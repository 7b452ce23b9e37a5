"""The theme: the light/dark toggle, and colours that stay readable in both palettes.

axe checks the colours of the tokens the current pages happen to contain; the
palette test below checks every syntax-highlighting colour the theme defines, so a
page added later with, say, SQL keywords or numbers is readable too.
"""

import pytest

pytestmark = pytest.mark.e2e

# WCAG 2 AA for normal text, the level axe's color-contrast rule enforces.
MINIMUM_CONTRAST = 4.5

# Every custom property Material colours code with, resolved against the code background.
CODE_COLOURS = """
() => {
  const probe = document.createElement("span");
  document.querySelector(".md-content").append(probe);
  const resolve = (name) => { probe.style.color = `var(${name})`; return getComputedStyle(probe).color; };
  const names = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
    .flatMap((rule) => rule.style ? [...rule.style] : [])
    .filter((name) => /^--md-code-(hl-[a-z]+-color|fg-color)$/.test(name));
  const colours = Object.fromEntries([...new Set(names)].map((name) => [name, resolve(name)]));
  const background = resolve("--md-code-bg-color");
  probe.remove();
  return { colours, background };
}
"""


def rgba(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in css[css.index("(") + 1 : -1].replace("/", ",").replace(" ", ",").split(",") if n]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of a (possibly translucent) colour drawn over an opaque one."""
    *fg, alpha = rgba(foreground)
    bg = rgba(background)[:3]
    drawn = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]

    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(drawn), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_helper_matches_known_values():
    """The ratio helper gives WCAG's reference values: black on white 21:1, a colour on itself 1:1."""
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 2) == 21.0
    assert round(contrast("rgb(119, 119, 119)", "rgb(119, 119, 119)"), 2) == 1.0
    assert 4.49 < contrast("rgba(0, 0, 0, 0.54)", "rgb(245, 245, 245)") < 4.5  # Material's stock comment grey fails


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_code_colour_is_readable(browser, base_url, scheme):
    """Each syntax-highlighting colour of the palette reaches 4.5:1 against the code background."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url)
    found = page.evaluate(CODE_COLOURS)
    context.close()
    assert len(found["colours"]) >= 10, f"expected Material's code colour properties, found {found['colours']}"
    weak = {name: round(contrast(colour, found["background"]), 2) for name, colour in found["colours"].items()
            if contrast(colour, found["background"]) < MINIMUM_CONTRAST}
    assert weak == {}, f"{scheme} palette, code background {found['background']}: {weak}"


def scheme_of(page) -> tuple[str, float]:
    """The palette Material applied, and the lightness (0 to 255) of the page background."""
    name = page.evaluate("document.body.dataset.mdColorScheme")
    r, g, b, _ = rgba(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    return name, (r + g + b) / 3


def test_palette_toggle_switches_between_light_and_dark(browser, base_url):
    """The header toggle turns the light page dark and back, and the choice survives a reload."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url)
    toggle = page.locator("form[data-md-component=palette] label:not([hidden])")

    name, lightness = scheme_of(page)
    assert name == "default" and lightness > 200

    toggle.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert scheme_of(page)[1] < 60
    page.reload()
    assert scheme_of(page)[0] == "slate", "the dark choice was forgotten on reload"

    toggle.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert scheme_of(page)[1] > 200
    context.close()


# Records each time Material marks <body> as switching palettes (its stylesheet then restyles
# every element of the page), from the first byte of the page on.
RECORD_SWITCH_MARKS = """
window.switchMarks = 0;
new MutationObserver((records) => {
  window.switchMarks += records.filter((r) => r.target.hasAttribute("data-md-color-switching")).length;
}).observe(document, { attributes: true, attributeFilter: ["data-md-color-switching"], subtree: true });
"""


def test_page_load_does_not_restyle_the_whole_page_for_the_palette(browser, base_url):
    """At load the palette is already applied, so Material's switching mark (which makes every
    element restyle) is skipped (palette-at-load.js); a switch made by the reader still gets it,
    so nothing animates while the colours change."""
    context = browser.new_context(color_scheme="light")
    context.add_init_script(RECORD_SWITCH_MARKS)
    page = context.new_page()
    page.goto(base_url + "notebooks/step-through-migrations/", wait_until="load")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert page.evaluate("window.switchMarks") == 0

    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert page.evaluate("window.switchMarks") >= 1
    context.close()


# Counts <meta name="color-scheme"> elements put into the page after its first byte.
RECORD_COLOR_SCHEME_METAS = """
window.colorSchemeMetas = 0;
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) {
    if (node.nodeName === "META" && node.getAttribute("name") === "color-scheme") window.colorSchemeMetas++;
  }
}).observe(document, { childList: true, subtree: true });
"""

ROOT_COLOUR_SCHEME = "() => getComputedStyle(document.documentElement).colorScheme"


def test_the_root_colour_scheme_follows_the_palette_without_a_color_scheme_meta(browser, base_url):
    """Material's color-scheme <meta> is left out (each change of it restyles the whole page,
    palette-at-load.js); the root element takes the palette's colour scheme from
    accessibility.css instead, at load and after each switch, and Material still sets the
    theme-color <meta>."""
    context = browser.new_context(color_scheme="light")
    context.add_init_script(RECORD_COLOR_SCHEME_METAS)
    page = context.new_page()
    page.goto(base_url + "notebooks/step-through-migrations/", wait_until="load")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert page.evaluate("window.colorSchemeMetas") == 0, "a color-scheme meta was put into the page"
    assert page.evaluate(ROOT_COLOUR_SCHEME) == "light"
    assert page.evaluate("document.querySelector('meta[name=theme-color]')?.content || ''").startswith("#")

    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert page.evaluate(ROOT_COLOUR_SCHEME) == "dark"
    page.reload(wait_until="load")
    assert page.evaluate(ROOT_COLOUR_SCHEME) == "dark", "the dark palette's colour scheme is not the root's at load"
    assert page.evaluate("window.colorSchemeMetas") == 0
    context.close()
