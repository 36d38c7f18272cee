from django.urls import path

from moderation import crisis_views, member_views, queue_views, views

app_name = "moderation"
urlpatterns = [
    path("help/", views.help_page, name="help"),
    path("p/<int:post_id>/report/", member_views.report_post, name="report_post"),
    path("rooms/messages/<int:message_id>/report/", member_views.report_room_message, name="report_room_message"),
    path("care/", member_views.care_messages, name="care"),
    path("care/<int:message_id>/seen/", member_views.care_seen, name="care_seen"),
    path("care/conversation/<int:escalation_id>/", member_views.care_conversation, name="care_conversation"),
    path("care/conversation/<int:escalation_id>/answer/", member_views.care_answer, name="care_answer"),
    path("account/penalties/<int:penalty_id>/appeal/", member_views.appeal, name="appeal"),
    path("moderation/", queue_views.queue_page, name="queue"),
    path("moderation/flags/<int:flag_id>/claim/", queue_views.claim, name="claim"),
    path("moderation/flags/<int:flag_id>/release/", queue_views.release, name="release"),
    path("moderation/flags/<int:flag_id>/resolve/", queue_views.resolve, name="resolve"),
    path("moderation/flags/<int:flag_id>/redact/", queue_views.redact, name="redact"),
    path("moderation/bulk/", queue_views.bulk, name="bulk"),
    path("moderation/members/<int:member_id>/", queue_views.member_page, name="member"),
    path("moderation/members/<int:member_id>/penalty/", queue_views.penalise, name="penalise"),
    path("moderation/members/<int:member_id>/trust/", queue_views.set_trust, name="set_trust"),
    path("moderation/appeals/", queue_views.appeals, name="appeals"),
    path("moderation/appeals/<int:appeal_id>/decide/", queue_views.decide_appeal, name="decide_appeal"),
    path("moderation/audit/", queue_views.audit_log, name="audit"),
    path("crisis/", crisis_views.dashboard, name="crisis"),
    path("crisis/duty/", crisis_views.set_duty, name="crisis_duty"),
    path("crisis/<int:escalation_id>/", crisis_views.detail, name="escalation"),
    path("crisis/<int:escalation_id>/conversation/", crisis_views.conversation, name="escalation_conversation"),
    path("crisis/<int:escalation_id>/acknowledge/", crisis_views.acknowledge, name="acknowledge"),
    path("crisis/<int:escalation_id>/note/", crisis_views.add_note, name="escalation_note"),
    path("crisis/<int:escalation_id>/care/", crisis_views.send_care, name="escalation_care"),
    path("crisis/<int:escalation_id>/close/", crisis_views.close, name="escalation_close"),
    path("crisis/<int:escalation_id>/release-post/", crisis_views.release_post, name="escalation_release_post"),
]
