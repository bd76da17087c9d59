// A quote marked in an article body, <q data-quote="ID">words</q> (articles/richtext.py), as a
// mark of the prose editor (articles/editor.py), so that editing the body keeps it. Not offered in
// the menu: quotes are marked by the quote inline and the extractor, not by hand.
import { Mark } from "django-prose-editor/editor"

export const QuoteMark = Mark.create({
  name: "quoteMark",
  // Outside links and emphasis, as the marker sets it (one <q> around the words).
  priority: 1100,
  // Typing at either end of the quote's words doesn't extend the quote.
  inclusive: false,
  addAttributes() {
    return {
      quote: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-quote"),
        renderHTML: (attributes) => ({ "data-quote": attributes.quote }),
      },
    }
  },
  parseHTML() {
    // A <q> naming no quote is a plain quotation (richtext): kept too, without the attribute.
    return [{ tag: "q" }]
  },
  renderHTML({ HTMLAttributes }) {
    return ["q", HTMLAttributes, 0]
  },
})
