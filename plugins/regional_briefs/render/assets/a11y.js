/* Accessibility fixes that need the page as the theme leaves it (docs/accessibility.md).
 *
 * Material wraps each table in a scrolling box when the page loads. A table wider than the column
 * scrolls in that box, which a keyboard cannot reach: such a box becomes a named, focusable region
 * (arrow keys then scroll it), and stops being one when the table fits again.
 */
(function () {
  "use strict";

  let watched = []; // the wrappers on the page being shown

  // The table's caption, else the heading above it: what a screen reader announces for the region.
  function tableName(wrap) {
    const caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    for (let node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        const heading = node.cloneNode(true);
        heading.querySelectorAll(".headerlink").forEach((link) => link.remove());
        return `Table: ${heading.textContent.trim()}`;
      }
    }
    return "Table";
  }

  function mark(wrap) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", tableName(wrap));
    } else if (!scrolls && wrap.hasAttribute("tabindex")) {
      ["tabindex", "role", "aria-label"].forEach((name) => wrap.removeAttribute(name));
    }
  }

  const resized = new ResizeObserver((entries) => entries.forEach((entry) => mark(entry.target)));

  function start() {
    watched.filter((wrap) => !wrap.isConnected).forEach((wrap) => resized.unobserve(wrap));
    watched = watched.filter((wrap) => wrap.isConnected);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach((wrap) => {
      mark(wrap);
      if (!watched.includes(wrap)) {
        watched.push(wrap);
        resized.observe(wrap);
      }
    });
  }

  // Material's instant navigation swaps pages in without loading them: run on each one it shows.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
