"""Turn a rendered admin change form back into the POST an editor's browser would send."""

from django import forms


def bound_form_data(form):
    data = {}
    for bound in form:
        widget = bound.field.widget
        widget = getattr(widget, "widget", widget)  # RelatedFieldWidgetWrapper
        value = bound.value()
        name = bound.html_name
        if isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            for index, (subwidget, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                data[f"{name}_{index}"] = subwidget.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif getattr(widget, "allow_multiple_selected", False):
            data[name] = [str(item) for item in value or []]
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif value is None:
            data[name] = ""
        else:
            formatted = widget.format_value(value)
            if isinstance(formatted, list):  # a single-choice select formats as a one-item list
                formatted = formatted[0] if formatted else ""
            data[name] = "" if formatted is None else str(formatted)
    return data


def change_form_data(response):
    """The POST data of an admin add/change page as rendered (context of a test response)."""
    context = response.context
    data = bound_form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(bound_form_data(formset.management_form))
        for form in formset.forms:
            data.update(bound_form_data(form))
    return data
