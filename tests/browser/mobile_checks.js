// What a 360 px wide phone shows wrong in a block: sideways page scrolling, scroll regions a keyboard cannot
// reach, controls under 24x24 CSS px (WCAG 2.2 target size), text under 12 px. Returns one sentence per problem.
(root) => {
  const problems = [];
  const describe = (element) => {
    const name = (element.getAttribute("aria-label") || element.textContent || element.name || element.id || "")
      .trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${element.tagName.toLowerCase()}${element.type ? ` type=${element.type}` : ""}> "${name}"`;
  };
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) {
    problems.push(`the page scrolls sideways: ${page.scrollWidth} px wide in a ${page.clientWidth} px window`);
  }
  for (const element of root.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    const scrolls = ["auto", "scroll"].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
    const labelled = element.getAttribute("aria-label") || element.getAttribute("aria-labelledby");
    if (scrolls && (element.getAttribute("tabindex") !== "0" || !labelled)) {
      problems.push(`${describe(element)} scrolls sideways but is not a focusable, labelled region`);
    }
  }
  const controls = root.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex="0"]');
  for (const control of controls) {
    if (!control.checkVisibility()) continue;
    // A link inside a sentence is exempt (WCAG 2.5.8 "inline").
    if (control.tagName === "A" && getComputedStyle(control).display === "inline") continue;
    let box = control.getBoundingClientRect();
    // Clicking a checkbox's or a radio button's label activates it: the label is part of its target.
    const label = control.closest("label") || (control.labels && control.labels[0]);
    if (label && ["checkbox", "radio"].includes(control.type)) {
      const around = label.getBoundingClientRect();
      const left = Math.min(box.left, around.left), top = Math.min(box.top, around.top);
      box = {width: Math.max(box.right, around.right) - left, height: Math.max(box.bottom, around.bottom) - top};
    }
    if (box.width < 24 || box.height < 24) {
      problems.push(`${describe(control)} is ${Math.round(box.width)}x${Math.round(box.height)} px, under 24x24`);
    }
  }
  for (const element of root.querySelectorAll("*")) {
    if (element.closest("svg") || !element.checkVisibility()) continue;
    const ownText = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (ownText && size < 12) problems.push(`${describe(element)} has ${size} px text, under 12 px`);
  }
  return problems;
}
