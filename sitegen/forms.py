"""Press-inquiry forms: which provider delivers to which office, and what each form needs."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen import urls
from sitegen.config import Office, SiteConfig
from sitegen.views import OfficeView, office_view

FORM_NAME = "press-inquiry"
THANKS_FIELD = {"formspree": "_next", "post": "_next"}
HONEYPOT_FIELD = {"formspree": "_gotcha", "netlify": "bot-field", "post": "url_field", "mailto": "url_field"}
LOCAL_ENDPOINT = "/__sitegen__/inquiries"
"""Where `sitegen serve --receive-forms` collects inquiries."""


@dataclass(frozen=True, slots=True)
class FormView:
    """One inquiry form, routed to one office (or to a choice of offices)."""

    provider: str
    action: str
    office: OfficeView
    offices: tuple[OfficeView, ...]
    expert_slug: str | None
    expert_name: str | None
    honeypot: str
    thanks_field: str | None
    thanks_url: str
    form_name: str
    min_seconds: int
    id_prefix: str

    @property
    def netlify(self) -> bool:
        return self.provider == "netlify"

    @property
    def mailto(self) -> bool:
        return self.provider == "mailto"


def inquiry_form(
    config: SiteConfig,
    office: Office,
    *,
    expert_slug: str | None = None,
    expert_name: str | None = None,
    choose_office: bool = False,
    local: bool = False,
) -> FormView:
    """The form that sends a journalist's request to ``office``.

    With ``local`` (the preview server) every form posts to the preview's own receiver.
    """
    provider, endpoint = config.form_route(office)
    if local:
        provider, endpoint = "post", LOCAL_ENDPOINT
    thanks = urls.absolute(config.site.base_url, urls.contact_thanks())
    if provider == "netlify":
        action = urls.contact_thanks()  # Netlify shows the page at the form's action after a POST
    elif provider == "mailto":
        action = f"mailto:{office.email}"
    else:
        action = endpoint or ""
    offices = tuple(office_view(o) for o in config.offices if config.form_route(o) == config.form_route(office))
    return FormView(
        provider=provider,
        action=action,
        office=office_view(office),
        offices=offices if choose_office and len(offices) > 1 else (),
        expert_slug=expert_slug,
        expert_name=expert_name,
        honeypot=HONEYPOT_FIELD[provider],
        thanks_field=THANKS_FIELD.get(provider),
        thanks_url=thanks,
        form_name=FORM_NAME,
        min_seconds=config.forms.min_seconds,
        id_prefix="inquiry" if expert_slug else f"inquiry-{office.id}",
    )


def contact_forms(config: SiteConfig, *, local: bool = False) -> tuple[FormView, ...]:
    """The /contact/ page's forms: one with an office choice when all offices share a route, else one per office."""
    routes = {config.form_route(o) for o in config.offices}
    if len(routes) == 1 or local:
        return (inquiry_form(config, config.default_office, choose_office=True, local=local),)
    return tuple(inquiry_form(config, o, local=local) for o in config.offices)
