"""Pages of the plans app: public plans, the editing pages and the register.

Views are thin: a selector reads, a permission decides, a service writes. A
service's ValidationError becomes a Swedish message (or form errors) and
PermissionDenied a 403; a plan a visitor may not see is a 404, so drafts never
show that they exist.
"""

from plans.views.editing import follow_up, plan_edit, plan_update
from plans.views.entries import item_add, item_delete, item_edit, item_move
from plans.views.public import (
    plan_detail,
    plan_index,
    plan_pdf,
    styrdokument_detail,
    styrdokument_list,
)
from plans.views.workflow import (
    plan_adopt,
    plan_new,
    plan_new_version,
    plan_next_year,
    plan_publish,
)

__all__ = [
    "follow_up",
    "item_add",
    "item_delete",
    "item_edit",
    "item_move",
    "plan_adopt",
    "plan_detail",
    "plan_edit",
    "plan_index",
    "plan_new",
    "plan_new_version",
    "plan_next_year",
    "plan_pdf",
    "plan_publish",
    "plan_update",
    "styrdokument_detail",
    "styrdokument_list",
]
