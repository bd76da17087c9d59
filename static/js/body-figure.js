// A picture placed in an article body, <figure data-image="ID"></figure> (articles/richtext.py;
// the page renders it from the media library), as a node of the prose editor (articles/editor.py),
// so that editing the body keeps it. Its menu button picks a picture from the library, searched by
// its alt text, caption, credit or source (media.admin.ImageAdmin.pick_view, named by the
// textarea's data-picture-search); the editor shows each figure as a small preview with its alt
// text, caption and credit, always as text (static/css/admin.css). Its line can still be pasted
// in the HTML view.
import { crel, gettext, Node } from "django-prose-editor/editor"

const SEARCH_DELAY = 200

function searchUrl(editor) {
  return editor.options.element?.closest(".prose-editor")?.querySelector("textarea")?.dataset.pictureSearch
}

async function lookUp(url, params) {
  const response = await fetch(`${url}?${new URLSearchParams(params)}`, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
  if (!response.ok || !response.headers.get("Content-Type")?.startsWith("application/json")) {
    throw new Error(`picture search: ${response.status}`)
  }
  return (await response.json()).results
}

// What is known of each picture named in this page's editors: {id: Promise of a result or null}.
const known = new Map()

function describe(editor, id) {
  const url = searchUrl(editor)
  if (!known.has(id) && url) {
    known.set(
      id,
      lookUp(url, { id }).then(
        (results) => results[0] || null,
        () => {
          known.delete(id)
          return null
        },
      ),
    )
  }
  return known.get(id) || Promise.resolve(null)
}

// The picture's thumbnail, alt text, caption and credit, as elements holding text.
function preview(picture) {
  const parts = []
  if (picture.thumbnail) {
    parts.push(
      crel("img", {
        src: picture.thumbnail.url,
        width: picture.thumbnail.width,
        height: picture.thumbnail.height,
        alt: "",
        loading: "lazy",
      }),
    )
  }
  const words = crel("span", { className: "body-figure-words" }, [
    crel("strong", { textContent: picture.alt || gettext("No alt text yet: describe it before publishing.") }),
  ])
  const line = [picture.caption, picture.credit].filter(Boolean).join(" — ")
  if (line) words.append(crel("span", { textContent: line }))
  parts.push(words)
  return parts
}

// The figure goes after the block holding the caret (in place of it if it is an empty paragraph):
// never in place of selected words.
function place(editor, image) {
  const { $to } = editor.state.selection
  const node = { type: "bodyFigure", attrs: { image } }
  if ($to.depth === 0) {
    editor.chain().focus().insertContentAt($to.pos, node).run()
    return
  }
  const block = $to.node(1)
  const range = { from: $to.before(1), to: $to.after(1) }
  const empty = block.type.name === "paragraph" && block.content.size === 0
  editor
    .chain()
    .focus()
    .insertContentAt(empty ? range : range.to, node)
    .run()
}

function pickPicture(editor) {
  const url = searchUrl(editor)
  if (!url) return
  const id = `body-figure-search-${Math.random().toString(36).slice(2)}`
  const search = crel("input", { id, type: "search", name: "q", autocomplete: "off", size: 40 })
  const status = crel("p", { className: "body-figure-status", role: "status" })
  const results = crel("ul", { className: "body-figure-results" })
  const cancel = crel("button", { type: "button", textContent: gettext("Cancel") })
  const dialog = crel("dialog", { className: "prose-editor-dialog body-figure-picker" }, [
    crel("form", { method: "dialog" }, [
      crel("h3", { className: "prose-editor-dialog-title", textContent: gettext("Picture from the media library") }),
      crel("div", { className: "prose-editor-dialog-field" }, [
        crel("label", { htmlFor: id, textContent: gettext("Search alt text, caption, credit or source") }),
        search,
      ]),
      status,
      results,
      crel("div", { className: "prose-editor-dialog-buttons" }, [cancel]),
    ]),
  ])
  const holder = crel("div", {}, [dialog])
  editor.view.dom.parentElement.append(holder)

  let timer = null
  let asked = null
  async function show() {
    const typed = search.value.trim()
    if (typed === asked) return
    asked = typed
    status.textContent = gettext("Searching…")
    let found
    try {
      found = await lookUp(url, { q: typed })
    } catch (_error) {
      status.textContent = gettext("The library could not be searched; try again.")
      asked = null
      return
    }
    if (typed !== asked) return // a later search is under way
    results.replaceChildren(
      ...found.map((picture) => {
        known.set(String(picture.id), Promise.resolve(picture))
        const choose = crel("button", { type: "button", className: "body-figure-choice" }, preview(picture))
        choose.dataset.image = picture.id
        choose.addEventListener("click", () => {
          dialog.close()
          place(editor, String(picture.id))
        })
        return crel("li", {}, [choose])
      }),
    )
    status.textContent = found.length
      ? `${found.length} ${found.length === 1 ? gettext("picture") : gettext("pictures")}`
      : gettext("No picture found.")
  }

  search.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(show, SEARCH_DELAY)
  })
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault() // the dialog's form has nothing to submit
  })
  cancel.addEventListener("click", () => dialog.close())
  dialog.addEventListener("close", () => {
    clearTimeout(timer)
    holder.remove()
  })
  dialog.showModal()
  search.focus()
  show()
}

export const BodyFigure = Node.create({
  name: "bodyFigure",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      image: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image"),
        renderHTML: (attributes) => ({ "data-image": attributes.image }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-image]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    return ({ node, editor }) => {
      const dom = crel("figure", { "data-image": node.attrs.image })
      dom.contentEditable = "false"
      describe(editor, String(node.attrs.image)).then((picture) => {
        if (picture) dom.replaceChildren(...preview(picture))
      })
      return {
        dom,
        update: (updated) => updated.type === node.type && updated.attrs.image === node.attrs.image,
      }
    }
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "bodyFigure",
      groups: "nodes",
      button: buttons.material("add_photo_alternate", gettext("picture from the media library")),
      enabled: (editor) => Boolean(searchUrl(editor)),
      command: pickPicture,
    })
  },
})
