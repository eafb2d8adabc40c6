from auditlog.models import LogEntry
from django.contrib import admin

# The audit log holds changes to children's records. It is read through the portal's access-log page, which
# checks object permission, not browsed in the admin site.
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
