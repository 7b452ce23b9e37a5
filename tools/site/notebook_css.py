"""The Jupyter stylesheet of the notebook pages, without the rules no notebook page can use.

mkdocs-jupyter inlines all of JupyterLab's CSS (~600 KB, thousands of rules for widgets,
menus and editors these static pages never have). A phone's browser matches every rule
against every element whenever the page is styled again (Material sets the colour
palette once the page has loaded), on a page of 4,500 elements, and Lighthouse counts
that as blocking time. A rule is dropped when none of its selectors can match a
notebook page: each names a class that no notebook page contains (Material's own `md-…`
classes, which its script adds after loading, are always assumed present; one inside
`:not(…)` does not count), or puts
`:root` inside another element (mkdocs-jupyter scopes JupyterLab's `:root` rules under
`.jupyter-wrapper`, where they match nothing). Everything else is kept as it was.
"""

import re

import tinycss2

CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
NESTED_ROOT = re.compile(r"\S\s*[\s>+~]\s*:root")
CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def classes_in(html: str) -> set[str]:
    return {name for match in CLASS_ATTRIBUTE.finditer(html) for name in (match[1] or match[2] or "").split()}


def selector_can_match(selector: str, used: set[str]) -> bool:
    if NESTED_ROOT.search(selector):
        return False
    if re.search(r":(?:is|where|has|matches)\(", selector):
        return True  # a list of alternatives: not worth reading, kept
    # A class an element must NOT have (`:not(.jp-mod-active)`) is no reason to drop a rule.
    selector = re.sub(r":not\([^)]*\)", "", selector)
    return all(name in used or name.startswith("md-") for name in CLASS.findall(selector))


def _pruned(rules, used: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "error":
            continue  # CSS a browser ignores too
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            if not any(selector_can_match(s, used) for s in selectors):
                continue
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _pruned(tinycss2.parse_rule_list(rule.content), used)
            if not any(r.type in ("qualified-rule", "at-rule") for r in inner):
                continue
            rule.content = inner
        kept.append(rule)
    return kept


def without_unused_rules(css: str, used: set[str]) -> str:
    return tinycss2.serialize(_pruned(tinycss2.parse_stylesheet(css), used))
