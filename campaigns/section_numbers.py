"""The numbers of a plan's sections, worked out from their levels: I., 1., a), then a dash.

Decree 30 leaves the scheme to the issuer, and plans follow one habit: Roman numerals for the parts,
Arabic numerals for the items of a part, letters for the points of an item. A drafter who moves a
section or adds one in the middle should not have to retype every number after it.
"""

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
# Vietnamese plans letter their points with the Latin alphabet without f, j, w, z (a, b, c, d, đ, e, …).
LETTERS = "abcdđeghiklmnopqrstuvxy"


def roman(number: int) -> str:
    """12 → "XII"."""
    out = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letter(number: int) -> str:
    """1 → "a", 5 → "đ", 24 → "aa": the alphabet again, doubled, past its end."""
    index = number - 1
    word = LETTERS[index % len(LETTERS)]
    return word * (index // len(LETTERS) + 1)


def label(level: int, count: int) -> str:
    """The number of the ``count``-th section at ``level`` under its parent."""
    if level <= 1:
        return f"{roman(count)}."
    if level == 2:
        return f"{count}."
    if level == 3:
        return f"{letter(count)})"
    return "-"


def automatic_numbers(levels) -> list[str]:
    """One number per section, in order: each level counts from 1 again under a new parent.

    The number follows the section's depth among the levels actually used above it, so a slip of
    level (a point typed directly under a part) still reads "1." and never leaves a gap.
    """
    open_levels = []  # [level, count] of each section still open above the current one
    numbers = []
    for level in levels:
        while open_levels and open_levels[-1][0] > level:
            closed = open_levels.pop()
            if not open_levels or open_levels[-1][0] < level:
                # Same depth as the section it follows: it goes on counting from there.
                open_levels.append([level, closed[1]])
                break
        if open_levels and open_levels[-1][0] == level:
            open_levels[-1][1] += 1
        else:
            open_levels.append([level, 1])
        numbers.append(label(len(open_levels), open_levels[-1][1]))
    return numbers


def renumber(plan) -> None:
    """Write the automatic number of each of ``plan``'s sections, in their order (one UPDATE per change)."""
    sections = list(plan.sections.order_by("position", "pk").only("pk", "level", "number"))
    for section, number in zip(sections, automatic_numbers(s.level for s in sections)):
        if section.number != number:
            type(section).objects.filter(pk=section.pk).update(number=number)
