import type { Page } from "@playwright/test";

/**
 * What a phone user would see as broken, measured in the page: sideways scrolling, pairs of text boxes
 * drawn on top of each other (e.g. a name over an amount), and the end of the page hidden under a bar.
 * Fixed and sticky bars (the shop's header, the dashboard's tab bar) cover content as it scrolls by design:
 * their text is checked against each other, and the page must leave room for a bottom bar at its end.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const bars = [...document.querySelectorAll<HTMLElement>("body *")].filter((el) =>
      ["fixed", "sticky"].includes(getComputedStyle(el).position),
    );
    const inBar = (el: Element) => bars.some((bar) => bar.contains(el));
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`scrolls sideways: ${root.scrollWidth}px wide in a ${root.clientWidth}px screen`);

    const boxes: { text: string; rect: DOMRect; bar: boolean; node: Node }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest("script, style, template, option")) continue;
      // checkVisibility: hidden by CSS, or inside a closed <details> (whose content is laid out but not drawn).
      if (!parent.checkVisibility({ visibilityProperty: true }) || parent.closest(".sr-only")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      // Only boxes a person can see count (screen-reader-only text is skipped above).
      for (const rect of range.getClientRects())
        if (rect.width > 2 && rect.height > 2)
          boxes.push({ text: text.slice(0, 40), rect, bar: inBar(parent), node });
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (boxes[i]!.bar !== boxes[j]!.bar) continue;
        const a = boxes[i]!.rect;
        const b = boxes[j]!.rect;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 2 && y > 2) problems.push(`"${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`);
      }
    }

    // Scrolled to the end, nothing may stay under a bar fixed to the bottom of the screen.
    const { scrollX, scrollY } = window;
    window.scrollTo(0, root.scrollHeight);
    const bottomBars = bars
      .map((bar) => bar.getBoundingClientRect())
      .filter((r) => r.height > 0 && r.bottom >= window.innerHeight - 1 && r.top > window.innerHeight / 2);
    for (const box of boxes.filter((b) => !b.bar)) {
      const range = document.createRange();
      range.selectNodeContents(box.node);
      for (const rect of range.getClientRects())
        for (const bar of bottomBars)
          if (rect.bottom - bar.top > 2 && rect.top < bar.bottom && rect.width > 2)
            problems.push(`"${box.text}" stays under the bottom bar at the end of the page`);
    }
    window.scrollTo(scrollX, scrollY);
    return problems;
  });
}

/**
 * Tap targets smaller than a thumb (44 px high or wide): buttons, menus, text boxes, disclosure summaries, the label
 * a checkbox or radio is tapped by (its whole row is the target, not the small box), and the links that
 * stand alone as navigation: those of the page's header and footer (the logo, the cart, "Track an order"),
 * of any <nav> (breadcrumbs, pagination) and any link marked `data-nav-link` (back links, a list's row
 * links, a link drawn as a button). A link inside a sentence is exempt (WCAG 2.5.8), as are the links in
 * the page's own text. A link stretched over its row (an `::after` laid over the positioned row) is as tall
 * as the row (and as wide). Only what is drawn counts: the content of a closed <details> is skipped until it is opened.
 */
export async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const size = (el: Element) => {
      const after = getComputedStyle(el, "::after");
      const stretched = after.content !== "none" && after.position === "absolute";
      const row = stretched && el instanceof HTMLElement ? el.offsetParent : null;
      return (row ?? el).getBoundingClientRect();
    };
    return [
      ...document.querySelectorAll(
        "button, select, summary, textarea, input:not([type=hidden], [type=checkbox], [type=radio]), label:has(input[type=checkbox], input[type=radio]), :is(header, footer, nav) a[href]:not(p a), a[href][data-nav-link]",
      ),
    ]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const drawn = el.checkVisibility({ visibilityProperty: true }) && !el.closest(".sr-only");
        const { width, height } = size(el);
        return drawn && r.width > 0 && (height < 44 || width < 44);
      })
      .map((el) => {
        const { width, height } = size(el);
        return `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" is ${Math.round(width)}x${Math.round(height)}px`;
      });
  });
}

/**
 * Text boxes and menus whose text is under 16 px: iOS Safari zooms the page into such a box when it gets
 * the focus, and the shopper has to pinch back out.
 */
export async function zoomingTextBoxes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        "select, textarea, input:not([type=hidden], [type=checkbox], [type=radio], [type=submit], [type=button])",
      ),
    ]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest(".sr-only"))
      .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()} "${el.id || el.getAttribute("name")}" has ${getComputedStyle(el).fontSize} text`,
      ),
  );
}
