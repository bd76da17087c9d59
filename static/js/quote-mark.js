// A quote marked in an article body, <q data-quote="ID">words</q> (articles/richtext.py), as a
// mark of the prose editor (articles/editor.py), so that editing the body keeps it, and its menu
// button: the selected words become one of the article's saved quotes (the rows of the quote
// inline on the same form), or a new quote, whose row in that inline they fill (its speaker is
// then picked there; the save marks the words, ArticleAdmin.mark_quotes). Pressed inside a mark,
// the button takes the mark off, to put it on other words: a quote left unmarked is set off where
// its words first appear, on the page and by the next save alike.
import { gettext, Mark, updateAttrsDialog } from "django-prose-editor/editor"

const NEW_QUOTE = gettext("A new quote in these words (pick its speaker in the Quotes table below)")

function inlineOf(editor) {
  const textarea = editor.options.element?.closest(".prose-editor")?.querySelector("textarea")
  const prefix = textarea?.dataset.quoteInline
  const group = prefix && document.getElementById(`${prefix}-group`)
  return group ? { prefix, group } : null
}

function field(prefix, index, name) {
  return document.getElementById(`id_${prefix}-${index}-${name}`)
}

// The inline's rows as they stand on the page: [{index, id, speaker, text}], the deleted left out.
function quoteRows({ prefix }) {
  const total = Number(document.getElementById(`id_${prefix}-TOTAL_FORMS`)?.value || 0)
  const rows = []
  for (let index = 0; index < total; index++) {
    const text = field(prefix, index, "text")
    if (!text || field(prefix, index, "DELETE")?.checked) continue
    const speaker = field(prefix, index, "speaker")
    const chosen = speaker && speaker.selectedIndex >= 0 ? speaker.options[speaker.selectedIndex] : null
    rows.push({
      index,
      id: field(prefix, index, "id")?.value || "",
      speaker: chosen && chosen.value ? chosen.textContent.trim() : "",
      text: text.value.trim(),
    })
  }
  return rows
}

function shorten(text, length = 70) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}

// The selected words in the inline's first empty new row (one added if there is none), its speaker
// field focused for the editor to pick.
function fillNewRow(inline, words) {
  let row = quoteRows(inline).find((r) => !r.id && !r.text && !r.speaker)
  if (!row) {
    inline.group.querySelector(".add-row a")?.click()
    row = quoteRows(inline).find((r) => !r.id && !r.text && !r.speaker)
  }
  if (!row) return
  const text = field(inline.prefix, row.index, "text")
  text.value = words
  text.dispatchEvent(new Event("input", { bubbles: true }))
  text.dispatchEvent(new Event("change", { bubbles: true }))
  const line = text.closest("tr, .inline-related") || text
  line.scrollIntoView({ block: "center" })
  const speaker = line.querySelector(".select2-selection") || field(inline.prefix, row.index, "speaker")
  speaker?.focus()
}

function removeMarksOf(editor, quote) {
  return editor
    .chain()
    .focus()
    .command(({ tr, state }) => {
      const type = state.schema.marks.quoteMark
      state.doc.descendants((node, pos) => {
        for (const found of node.marks) {
          if (found.type === type && String(found.attrs.quote) === String(quote)) {
            tr.removeMark(pos, pos + node.nodeSize, found)
          }
        }
      })
      return true
    })
}

async function markSelection(editor) {
  const { state } = editor
  const { from, to } = state.selection
  const words = state.doc.textBetween(from, to, " ").trim()
  const inline = inlineOf(editor)
  const saved = inline ? quoteRows(inline).filter((row) => row.id) : []
  const labels = new Map(
    saved.map((row) => [
      `#${row.id} ${row.speaker || gettext("(no speaker)")}: “${shorten(row.text)}”`,
      row,
    ]),
  )
  const choices = [...labels.keys()]
  if (inline) choices.push(NEW_QUOTE)
  if (!choices.length) return
  const best = saved.find((row) => row.text === words)
  const initial = best ? [...labels].find(([, row]) => row === best)[0] : choices[0]
  const answer = await updateAttrsDialog(
    { quote: { type: "string", title: gettext("These words are"), enum: choices } },
    { title: gettext("Mark as a quote"), submitText: gettext("Mark") },
  )(editor, { quote: initial })
  if (!answer) return
  if (answer.quote === NEW_QUOTE) {
    fillNewRow(inline, words)
    return
  }
  const row = labels.get(answer.quote)
  if (!row) return
  // A quote is marked once: an earlier mark of it goes.
  removeMarksOf(editor, row.id).setTextSelection({ from, to }).setMark("quoteMark", { quote: row.id }).run()
}

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

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "quoteMark",
      groups: "marks",
      priority: 50,
      button: buttons.material("record_voice_over", gettext("mark as a quote")),
      active: (editor) => editor.isActive("quoteMark"),
      // Words within one paragraph: a quote is one run of text (richtext.mark).
      enabled: (editor) => {
        const { empty, $from, $to } = editor.state.selection
        return editor.isActive("quoteMark") || (!empty && $from.sameParent($to))
      },
      command(editor) {
        if (editor.isActive("quoteMark")) {
          editor.chain().focus().extendMarkRange("quoteMark").unsetMark("quoteMark").run()
        } else {
          markSelection(editor)
        }
      },
    })
  },
})
