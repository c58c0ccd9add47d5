"""Every page of the web UI a person can open, by role: the list the phone-width and the axe checks walk through
(and scripts/screenshots.py photographs)."""

# Pages every signed-in person who writes has: My week, the company, the map, a team and its meeting (and its
# present mode), an objective and the editor, the check-in, cycles (the active, a closed one, the brief), an ask
# and the new-ask form, the notifications and the settings' first page.
MEMBER_PAGES = [
    "/", "/company", "/map", "/teams/marketing", "/objectives/o-mkt-mql", "/objectives/new",
    "/objectives/o-nam-email/edit", "/check-in", "/check-in/done", "/cycles", "/cycles/2026-q4", "/cycles/2026-q3",
    "/cycles/2026-q4/brief", "/teams/marketing/meeting", "/teams/marketing/meeting?present=1", "/asks/new",
    "/asks/ask-mkt-sales", "/notifications", "/settings", "/kpis", "/kpis/kpi-churn", "/people/p-ha",
]
# What only an administrator opens: another's objective in the editor, closing a cycle and every settings page.
ADMIN_PAGES = MEMBER_PAGES + [
    "/objectives/o-mkt-mql/edit", "/cycles/2026-q4/close", "/settings/holidays", "/settings/teams",
    "/settings/teams/marketing", "/settings/people", "/settings/people/p-nam", "/settings/tokens", "/settings/scim",
    "/settings/webhooks", "/settings/reminders", "/settings/data",
]
MEMBER = "nam@okra.demo"
