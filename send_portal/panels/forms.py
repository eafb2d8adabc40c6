from django import forms

from send_portal.core.forms import GovukForm

from .models import AgendaItem


class RecommendationForm(GovukForm):
    recommendation = forms.ChoiceField(label="The panel's recommendation", widget=forms.RadioSelect,
                                       choices=[c for c in AgendaItem.Recommendation.choices if c[0]],
                                       error_messages={"required": "Choose the panel's recommendation"})
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea, max_length=5000,
                              error_messages={"required": "Give the panel's reasons"})
