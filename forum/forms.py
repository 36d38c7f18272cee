import copy

from django import forms

from forum.text import clean_text

TITLE_MAX = 150
BODY_MAX = 20_000
WARNING_MAX = 150


def _bounded(value, *, what, maximum, multiline=True, required=True):
    text = clean_text(value, multiline=multiline)
    if required and not text:
        raise forms.ValidationError(f"Please write a {what}; it can't be empty or only spaces.")
    if len(text) > maximum:
        raise forms.ValidationError(
            f"A {what} can be at most {maximum:,} characters; this one is {len(text):,}. Nothing was saved."
        )
    return text


class PostFields(forms.Form):
    body = forms.CharField(
        label="Your post",
        error_messages={"required": "Please write a post; it can't be empty or only spaces."},
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="You can use Markdown: *emphasis*, lists, > quotes, links and `code`.",
    )
    content_warning = forms.CharField(
        label="Content warning (optional)",
        required=False,
        strip=False,
        help_text="If your post describes something that could hurt to read, name it here and it will be folded.",
    )

    def clean_body(self):
        return _bounded(self.cleaned_data["body"], what="post", maximum=BODY_MAX)

    def clean_content_warning(self):
        return _bounded(
            self.cleaned_data["content_warning"], what="content warning", maximum=WARNING_MAX,
            multiline=False, required=False,
        )


class ReplyForm(PostFields):
    pass


class ThreadForm(PostFields):
    title = forms.CharField(
        label="Title", strip=False, error_messages={"required": "Please write a title; it can't be empty or only spaces."}
    )
    field_order = ["title", "body", "content_warning"]

    def clean_title(self):
        return _bounded(self.cleaned_data["title"], what="title", maximum=TITLE_MAX, multiline=False)


class EditForm(PostFields):
    """Editing a post; the opening post also carries its thread's title."""

    def __init__(self, *args, with_title=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields = {"title": copy.deepcopy(ThreadForm.base_fields["title"]), **self.fields}

    def clean_title(self):
        return _bounded(self.cleaned_data["title"], what="title", maximum=TITLE_MAX, multiline=False)
