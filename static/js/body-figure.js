// A picture placed in an article body, <figure data-image="ID"></figure> (articles/richtext.py;
// the page renders it from the media library), as a node of the prose editor (articles/editor.py),
// so that editing the body keeps it. Shown in the editor as "Picture ID" (static/css/admin.css);
// placed by pasting the line the picture's page gives in the editor's HTML view.
import { Node } from "django-prose-editor/editor"

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
})
