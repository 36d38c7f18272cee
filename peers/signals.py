from django.dispatch import Signal

# Sent inside the deletion transaction, before the member row goes.
# Receivers get `member` and `erase_content`: erase what the member wrote,
# or leave it to be shown under "former member" (foreign keys SET_NULL).
member_deleting = Signal()

# Sent while building a member's data export. Each receiver returns a
# (section_name, json_serialisable_value) pair for what its app holds.
collect_member_data = Signal()
