from django import template

from media import rendering

register = template.Library()


@register.simple_tag
def picture(image, shape="wide", sizes="100vw", eager=False, css_class="", decorative=False):
    """{% picture person.portrait "square" sizes="96px" %}: media.rendering.picture."""
    return rendering.picture(image, shape, sizes=sizes, eager=eager, css_class=css_class, decorative=decorative)


@register.simple_tag
def figure(image, sizes="100vw", eager=False, css_class="figure"):
    return rendering.figure(image, sizes, eager=eager, css_class=css_class)
