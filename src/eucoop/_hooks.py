"""The quick structuring hooks of the packaged model: GENERATED, do not edit.

Written by ``python -m eucoop._quick`` from the model's attrs classes (see
``eucoop._quick``); a test fails when the model and this file disagree.
Imported by the fast converter when it is first built.
"""

# mypy: ignore-errors
# ruff: noqa

from eucoop._converter import _DATES, _structure_date
from eucoop._quick import _MISSING as _quick_missing
from eucoop._converter import DataFile
from eucoop._entities import Agreement, Dialogue, Organisation, Programme
from eucoop._values import AgreementKind, Document, Frequency, OrganisationKind, Participant, Partnership, PolicyArea, Role, Session, Source, Standing
from eucoop._quick import Reject, _money, members_of

_MISSING = _quick_missing
_EMPTY = ()
_new = object.__new__
_date = _structure_date
_dates_get = _DATES.get

_Document_keys = frozenset(('id', 'title', 'publisher', 'url', 'paragraphs', 'language', 'accessed', 'note',))
_Document_set_id = Document.id.__set__
_Document_set_title = Document.title.__set__
_Document_set_publisher = Document.publisher.__set__
_Document_set_url = Document.url.__set__
_Document_set_paragraphs = Document.paragraphs.__set__
_Document_set_language = Document.language.__set__
_Document_set_accessed = Document.accessed.__set__
_Document_set_note = Document.note.__set__


def quick_Document(o, _t=None):
    """Structure well-formed JSON into a Document, or raise Reject."""
    if type(o) is not dict or not _Document_keys.issuperset(o):
        raise Reject
    v0 = o['id']
    if type(v0) is not str:
        raise Reject
    v1 = o['title']
    if type(v1) is not str:
        raise Reject
    v2 = o['publisher']
    if type(v2) is not str:
        raise Reject
    v3 = o.get('url')
    if v3 is not None:
        if type(v3) is not str:
            raise Reject
    v4 = o.get('paragraphs')
    if v4 is not None:
        if type(v4) is not int:
            raise Reject
    v5 = o.get('language')
    if v5 is not None:
        if type(v5) is not str:
            raise Reject
    v6 = o.get('accessed')
    if v6 is not None:
        w = _dates_get(v6)
        v6 = w if w is not None else _date(v6, None)
    v7 = o.get('note')
    if v7 is not None:
        if type(v7) is not str:
            raise Reject
    self = _new(Document)
    _Document_set_id(self, v0)
    _Document_set_title(self, v1)
    _Document_set_publisher(self, v2)
    _Document_set_url(self, v3)
    _Document_set_paragraphs(self, v4)
    _Document_set_language(self, v5)
    _Document_set_accessed(self, v6)
    _Document_set_note(self, v7)
    return self

_Participant_keys = frozenset(('organisation', 'role', 'since', 'until', 'note',))
_Participant_role_members = members_of(Role)
_Participant_set_organisation = Participant.organisation.__set__
_Participant_set_role = Participant.role.__set__
_Participant_set_since = Participant.since.__set__
_Participant_set_until = Participant.until.__set__
_Participant_set_note = Participant.note.__set__


def quick_Participant(o, _t=None):
    """Structure well-formed JSON into a Participant, or raise Reject."""
    if type(o) is not dict or not _Participant_keys.issuperset(o):
        raise Reject
    v0 = o['organisation']
    if type(v0) is not str:
        raise Reject
    v1 = o['role']
    v1 = _Participant_role_members[v1]
    v2 = o.get('since')
    if v2 is not None:
        w = _dates_get(v2)
        v2 = w if w is not None else _date(v2, None)
    v3 = o.get('until')
    if v3 is not None:
        w = _dates_get(v3)
        v3 = w if w is not None else _date(v3, None)
    v4 = o.get('note')
    if v4 is not None:
        if type(v4) is not str:
            raise Reject
    self = _new(Participant)
    _Participant_set_organisation(self, v0)
    _Participant_set_role(self, v1)
    _Participant_set_since(self, v2)
    _Participant_set_until(self, v3)
    _Participant_set_note(self, v4)
    return self

_Source_keys = frozenset(('document', 'paragraph', 'fields',))
_Source_set_document = Source.document.__set__
_Source_set_paragraph = Source.paragraph.__set__
_Source_set_fields = Source.fields.__set__


def quick_Source(o, _t=None):
    """Structure well-formed JSON into a Source, or raise Reject."""
    if type(o) is not dict or not _Source_keys.issuperset(o):
        raise Reject
    v0 = o['document']
    if type(v0) is not str:
        raise Reject
    v1 = o.get('paragraph')
    if v1 is not None:
        if type(v1) is not int:
            raise Reject
    v2 = o.get('fields', ())
    if v2 is not _EMPTY:
        if type(v2) is not list and type(v2) is not tuple:
            raise Reject
        for x in v2:
            if type(x) is not str:
                raise Reject
        v2 = tuple(v2)
    self = _new(Source)
    _Source_set_document(self, v0)
    _Source_set_paragraph(self, v1)
    _Source_set_fields(self, v2)
    return self

_Partnership_keys = frozenset(('standing', 'areas', 'since', 'formalised_by', 'summary', 'sources',))
_Partnership_standing_members = members_of(Standing)
_Partnership_areas_default = frozenset()
_Partnership_areas_members = members_of(PolicyArea)
_Partnership_set_standing = Partnership.standing.__set__
_Partnership_set_areas = Partnership.areas.__set__
_Partnership_set_since = Partnership.since.__set__
_Partnership_set_formalised_by = Partnership.formalised_by.__set__
_Partnership_set_summary = Partnership.summary.__set__
_Partnership_set_sources = Partnership.sources.__set__


def quick_Partnership(o, _t=None):
    """Structure well-formed JSON into a Partnership, or raise Reject."""
    if type(o) is not dict or not _Partnership_keys.issuperset(o):
        raise Reject
    v0 = o.get('standing')
    if v0 is not None:
        v0 = _Partnership_standing_members[v0]
    v1 = o.get('areas', _MISSING)
    if v1 is _MISSING:
        v1 = _Partnership_areas_default
    else:
        if type(v1) is not list and type(v1) is not tuple:
            raise Reject
        v1 = frozenset(map(_Partnership_areas_members.__getitem__, v1))
    v2 = o.get('since')
    if v2 is not None:
        w = _dates_get(v2)
        v2 = w if w is not None else _date(v2, None)
    v3 = o.get('formalised_by', ())
    if v3 is not _EMPTY:
        if type(v3) is not list and type(v3) is not tuple:
            raise Reject
        for x in v3:
            if type(x) is not str:
                raise Reject
        v3 = tuple(v3)
    v4 = o.get('summary')
    if v4 is not None:
        if type(v4) is not str:
            raise Reject
    v5 = o.get('sources', ())
    if v5 is not _EMPTY:
        if type(v5) is not list and type(v5) is not tuple:
            raise Reject
        v5 = tuple(map(quick_Source, v5))
    self = _new(Partnership)
    _Partnership_set_standing(self, v0)
    _Partnership_set_areas(self, v1)
    _Partnership_set_since(self, v2)
    _Partnership_set_formalised_by(self, v3)
    _Partnership_set_summary(self, v4)
    _Partnership_set_sources(self, v5)
    return self

_Organisation_keys = frozenset(('id', 'name', 'acronym', 'aliases', 'description', 'policy_areas', 'participants', 'sources', 'kind', 'parent', 'founded', 'headquarters', 'country', 'website', 'member_count', 'partnership',))
_Organisation_policy_areas_default = frozenset()
_Organisation_policy_areas_members = members_of(PolicyArea)
_Organisation_kind_default = OrganisationKind.OTHER
_Organisation_kind_members = members_of(OrganisationKind)
_Organisation_set_id = Organisation.id.__set__
_Organisation_set_name = Organisation.name.__set__
_Organisation_set_acronym = Organisation.acronym.__set__
_Organisation_set_aliases = Organisation.aliases.__set__
_Organisation_set_description = Organisation.description.__set__
_Organisation_set_policy_areas = Organisation.policy_areas.__set__
_Organisation_set_participants = Organisation.participants.__set__
_Organisation_set_sources = Organisation.sources.__set__
_Organisation_set_kind = Organisation.kind.__set__
_Organisation_set_parent = Organisation.parent.__set__
_Organisation_set_founded = Organisation.founded.__set__
_Organisation_set_headquarters = Organisation.headquarters.__set__
_Organisation_set_country = Organisation.country.__set__
_Organisation_set_website = Organisation.website.__set__
_Organisation_set_member_count = Organisation.member_count.__set__
_Organisation_set_partnership = Organisation.partnership.__set__


def quick_Organisation(o, _t=None):
    """Structure well-formed JSON into a Organisation, or raise Reject."""
    if type(o) is not dict or not _Organisation_keys.issuperset(o):
        raise Reject
    v0 = o['id']
    if type(v0) is not str:
        raise Reject
    v1 = o['name']
    if type(v1) is not str:
        raise Reject
    v2 = o.get('acronym')
    if v2 is not None:
        if type(v2) is not str:
            raise Reject
    v3 = o.get('aliases', ())
    if v3 is not _EMPTY:
        if type(v3) is not list and type(v3) is not tuple:
            raise Reject
        for x in v3:
            if type(x) is not str:
                raise Reject
        v3 = tuple(v3)
    v4 = o.get('description')
    if v4 is not None:
        if type(v4) is not str:
            raise Reject
    v5 = o.get('policy_areas', _MISSING)
    if v5 is _MISSING:
        v5 = _Organisation_policy_areas_default
    else:
        if type(v5) is not list and type(v5) is not tuple:
            raise Reject
        v5 = frozenset(map(_Organisation_policy_areas_members.__getitem__, v5))
    v6 = o.get('participants', ())
    if v6 is not _EMPTY:
        if type(v6) is not list and type(v6) is not tuple:
            raise Reject
        v6 = tuple(map(quick_Participant, v6))
    v7 = o.get('sources', ())
    if v7 is not _EMPTY:
        if type(v7) is not list and type(v7) is not tuple:
            raise Reject
        v7 = tuple(map(quick_Source, v7))
    v8 = o.get('kind', _MISSING)
    if v8 is _MISSING:
        v8 = _Organisation_kind_default
    else:
        v8 = _Organisation_kind_members[v8]
    v9 = o.get('parent')
    if v9 is not None:
        if type(v9) is not str:
            raise Reject
    v10 = o.get('founded')
    if v10 is not None:
        w = _dates_get(v10)
        v10 = w if w is not None else _date(v10, None)
    v11 = o.get('headquarters')
    if v11 is not None:
        if type(v11) is not str:
            raise Reject
    v12 = o.get('country')
    if v12 is not None:
        if type(v12) is not str:
            raise Reject
    v13 = o.get('website')
    if v13 is not None:
        if type(v13) is not str:
            raise Reject
    v14 = o.get('member_count')
    if v14 is not None:
        if type(v14) is not int:
            raise Reject
    v15 = o.get('partnership')
    if v15 is not None:
        v15 = quick_Partnership(v15)
    self = _new(Organisation)
    _Organisation_set_id(self, v0)
    _Organisation_set_name(self, v1)
    _Organisation_set_acronym(self, v2)
    _Organisation_set_aliases(self, v3)
    _Organisation_set_description(self, v4)
    _Organisation_set_policy_areas(self, v5)
    _Organisation_set_participants(self, v6)
    _Organisation_set_sources(self, v7)
    _Organisation_set_kind(self, v8)
    _Organisation_set_parent(self, v9)
    _Organisation_set_founded(self, v10)
    _Organisation_set_headquarters(self, v11)
    _Organisation_set_country(self, v12)
    _Organisation_set_website(self, v13)
    _Organisation_set_member_count(self, v14)
    _Organisation_set_partnership(self, v15)
    return self

_Agreement_keys = frozenset(('id', 'name', 'acronym', 'aliases', 'description', 'policy_areas', 'participants', 'sources', 'kind', 'legally_binding', 'adopted', 'in_force', 'adopted_by',))
_Agreement_policy_areas_default = frozenset()
_Agreement_policy_areas_members = members_of(PolicyArea)
_Agreement_kind_default = AgreementKind.OTHER
_Agreement_kind_members = members_of(AgreementKind)
_Agreement_set_id = Agreement.id.__set__
_Agreement_set_name = Agreement.name.__set__
_Agreement_set_acronym = Agreement.acronym.__set__
_Agreement_set_aliases = Agreement.aliases.__set__
_Agreement_set_description = Agreement.description.__set__
_Agreement_set_policy_areas = Agreement.policy_areas.__set__
_Agreement_set_participants = Agreement.participants.__set__
_Agreement_set_sources = Agreement.sources.__set__
_Agreement_set_kind = Agreement.kind.__set__
_Agreement_set_legally_binding = Agreement.legally_binding.__set__
_Agreement_set_adopted = Agreement.adopted.__set__
_Agreement_set_in_force = Agreement.in_force.__set__
_Agreement_set_adopted_by = Agreement.adopted_by.__set__


def quick_Agreement(o, _t=None):
    """Structure well-formed JSON into a Agreement, or raise Reject."""
    if type(o) is not dict or not _Agreement_keys.issuperset(o):
        raise Reject
    v0 = o['id']
    if type(v0) is not str:
        raise Reject
    v1 = o['name']
    if type(v1) is not str:
        raise Reject
    v2 = o.get('acronym')
    if v2 is not None:
        if type(v2) is not str:
            raise Reject
    v3 = o.get('aliases', ())
    if v3 is not _EMPTY:
        if type(v3) is not list and type(v3) is not tuple:
            raise Reject
        for x in v3:
            if type(x) is not str:
                raise Reject
        v3 = tuple(v3)
    v4 = o.get('description')
    if v4 is not None:
        if type(v4) is not str:
            raise Reject
    v5 = o.get('policy_areas', _MISSING)
    if v5 is _MISSING:
        v5 = _Agreement_policy_areas_default
    else:
        if type(v5) is not list and type(v5) is not tuple:
            raise Reject
        v5 = frozenset(map(_Agreement_policy_areas_members.__getitem__, v5))
    v6 = o.get('participants', ())
    if v6 is not _EMPTY:
        if type(v6) is not list and type(v6) is not tuple:
            raise Reject
        v6 = tuple(map(quick_Participant, v6))
    v7 = o.get('sources', ())
    if v7 is not _EMPTY:
        if type(v7) is not list and type(v7) is not tuple:
            raise Reject
        v7 = tuple(map(quick_Source, v7))
    v8 = o.get('kind', _MISSING)
    if v8 is _MISSING:
        v8 = _Agreement_kind_default
    else:
        v8 = _Agreement_kind_members[v8]
    v9 = o.get('legally_binding')
    if v9 is not None:
        if type(v9) is not bool:
            raise Reject
    v10 = o.get('adopted')
    if v10 is not None:
        w = _dates_get(v10)
        v10 = w if w is not None else _date(v10, None)
    v11 = o.get('in_force')
    if v11 is not None:
        w = _dates_get(v11)
        v11 = w if w is not None else _date(v11, None)
    v12 = o.get('adopted_by')
    if v12 is not None:
        if type(v12) is not str:
            raise Reject
    self = _new(Agreement)
    _Agreement_set_id(self, v0)
    _Agreement_set_name(self, v1)
    _Agreement_set_acronym(self, v2)
    _Agreement_set_aliases(self, v3)
    _Agreement_set_description(self, v4)
    _Agreement_set_policy_areas(self, v5)
    _Agreement_set_participants(self, v6)
    _Agreement_set_sources(self, v7)
    _Agreement_set_kind(self, v8)
    _Agreement_set_legally_binding(self, v9)
    _Agreement_set_adopted(self, v10)
    _Agreement_set_in_force(self, v11)
    _Agreement_set_adopted_by(self, v12)
    return self

_Session_keys = frozenset(('start', 'end', 'place', 'note',))
_Session_set_start = Session.start.__set__
_Session_set_end = Session.end.__set__
_Session_set_place = Session.place.__set__
_Session_set_note = Session.note.__set__


def quick_Session(o, _t=None):
    """Structure well-formed JSON into a Session, or raise Reject."""
    if type(o) is not dict or not _Session_keys.issuperset(o):
        raise Reject
    v0 = o['start']
    w = _dates_get(v0)
    v0 = w if w is not None else _date(v0, None)
    v1 = o.get('end')
    if v1 is not None:
        w = _dates_get(v1)
        v1 = w if w is not None else _date(v1, None)
    v2 = o.get('place')
    if v2 is not None:
        if type(v2) is not str:
            raise Reject
    v3 = o.get('note')
    if v3 is not None:
        if type(v3) is not str:
            raise Reject
    self = _new(Session)
    _Session_set_start(self, v0)
    _Session_set_end(self, v1)
    _Session_set_place(self, v2)
    _Session_set_note(self, v3)
    return self

_Dialogue_keys = frozenset(('id', 'name', 'acronym', 'aliases', 'description', 'policy_areas', 'participants', 'sources', 'frequency', 'sessions', 'venues',))
_Dialogue_policy_areas_default = frozenset()
_Dialogue_policy_areas_members = members_of(PolicyArea)
_Dialogue_frequency_members = members_of(Frequency)
_Dialogue_set_id = Dialogue.id.__set__
_Dialogue_set_name = Dialogue.name.__set__
_Dialogue_set_acronym = Dialogue.acronym.__set__
_Dialogue_set_aliases = Dialogue.aliases.__set__
_Dialogue_set_description = Dialogue.description.__set__
_Dialogue_set_policy_areas = Dialogue.policy_areas.__set__
_Dialogue_set_participants = Dialogue.participants.__set__
_Dialogue_set_sources = Dialogue.sources.__set__
_Dialogue_set_frequency = Dialogue.frequency.__set__
_Dialogue_set_sessions = Dialogue.sessions.__set__
_Dialogue_set_venues = Dialogue.venues.__set__


def quick_Dialogue(o, _t=None):
    """Structure well-formed JSON into a Dialogue, or raise Reject."""
    if type(o) is not dict or not _Dialogue_keys.issuperset(o):
        raise Reject
    v0 = o['id']
    if type(v0) is not str:
        raise Reject
    v1 = o['name']
    if type(v1) is not str:
        raise Reject
    v2 = o.get('acronym')
    if v2 is not None:
        if type(v2) is not str:
            raise Reject
    v3 = o.get('aliases', ())
    if v3 is not _EMPTY:
        if type(v3) is not list and type(v3) is not tuple:
            raise Reject
        for x in v3:
            if type(x) is not str:
                raise Reject
        v3 = tuple(v3)
    v4 = o.get('description')
    if v4 is not None:
        if type(v4) is not str:
            raise Reject
    v5 = o.get('policy_areas', _MISSING)
    if v5 is _MISSING:
        v5 = _Dialogue_policy_areas_default
    else:
        if type(v5) is not list and type(v5) is not tuple:
            raise Reject
        v5 = frozenset(map(_Dialogue_policy_areas_members.__getitem__, v5))
    v6 = o.get('participants', ())
    if v6 is not _EMPTY:
        if type(v6) is not list and type(v6) is not tuple:
            raise Reject
        v6 = tuple(map(quick_Participant, v6))
    v7 = o.get('sources', ())
    if v7 is not _EMPTY:
        if type(v7) is not list and type(v7) is not tuple:
            raise Reject
        v7 = tuple(map(quick_Source, v7))
    v8 = o.get('frequency')
    if v8 is not None:
        v8 = _Dialogue_frequency_members[v8]
    v9 = o.get('sessions', ())
    if v9 is not _EMPTY:
        if type(v9) is not list and type(v9) is not tuple:
            raise Reject
        v9 = tuple(map(quick_Session, v9))
    v10 = o.get('venues', ())
    if v10 is not _EMPTY:
        if type(v10) is not list and type(v10) is not tuple:
            raise Reject
        for x in v10:
            if type(x) is not str:
                raise Reject
        v10 = tuple(v10)
    self = _new(Dialogue)
    _Dialogue_set_id(self, v0)
    _Dialogue_set_name(self, v1)
    _Dialogue_set_acronym(self, v2)
    _Dialogue_set_aliases(self, v3)
    _Dialogue_set_description(self, v4)
    _Dialogue_set_policy_areas(self, v5)
    _Dialogue_set_participants(self, v6)
    _Dialogue_set_sources(self, v7)
    _Dialogue_set_frequency(self, v8)
    _Dialogue_set_sessions(self, v9)
    _Dialogue_set_venues(self, v10)
    return self

_Programme_keys = frozenset(('id', 'name', 'acronym', 'aliases', 'description', 'policy_areas', 'participants', 'sources', 'launched', 'ended', 'budget', 'countries', 'country_count', 'regions', 'activities',))
_Programme_policy_areas_default = frozenset()
_Programme_policy_areas_members = members_of(PolicyArea)
_Programme_set_id = Programme.id.__set__
_Programme_set_name = Programme.name.__set__
_Programme_set_acronym = Programme.acronym.__set__
_Programme_set_aliases = Programme.aliases.__set__
_Programme_set_description = Programme.description.__set__
_Programme_set_policy_areas = Programme.policy_areas.__set__
_Programme_set_participants = Programme.participants.__set__
_Programme_set_sources = Programme.sources.__set__
_Programme_set_launched = Programme.launched.__set__
_Programme_set_ended = Programme.ended.__set__
_Programme_set_budget = Programme.budget.__set__
_Programme_set_countries = Programme.countries.__set__
_Programme_set_country_count = Programme.country_count.__set__
_Programme_set_regions = Programme.regions.__set__
_Programme_set_activities = Programme.activities.__set__


def quick_Programme(o, _t=None):
    """Structure well-formed JSON into a Programme, or raise Reject."""
    if type(o) is not dict or not _Programme_keys.issuperset(o):
        raise Reject
    v0 = o['id']
    if type(v0) is not str:
        raise Reject
    v1 = o['name']
    if type(v1) is not str:
        raise Reject
    v2 = o.get('acronym')
    if v2 is not None:
        if type(v2) is not str:
            raise Reject
    v3 = o.get('aliases', ())
    if v3 is not _EMPTY:
        if type(v3) is not list and type(v3) is not tuple:
            raise Reject
        for x in v3:
            if type(x) is not str:
                raise Reject
        v3 = tuple(v3)
    v4 = o.get('description')
    if v4 is not None:
        if type(v4) is not str:
            raise Reject
    v5 = o.get('policy_areas', _MISSING)
    if v5 is _MISSING:
        v5 = _Programme_policy_areas_default
    else:
        if type(v5) is not list and type(v5) is not tuple:
            raise Reject
        v5 = frozenset(map(_Programme_policy_areas_members.__getitem__, v5))
    v6 = o.get('participants', ())
    if v6 is not _EMPTY:
        if type(v6) is not list and type(v6) is not tuple:
            raise Reject
        v6 = tuple(map(quick_Participant, v6))
    v7 = o.get('sources', ())
    if v7 is not _EMPTY:
        if type(v7) is not list and type(v7) is not tuple:
            raise Reject
        v7 = tuple(map(quick_Source, v7))
    v8 = o.get('launched')
    if v8 is not None:
        w = _dates_get(v8)
        v8 = w if w is not None else _date(v8, None)
    v9 = o.get('ended')
    if v9 is not None:
        w = _dates_get(v9)
        v9 = w if w is not None else _date(v9, None)
    v10 = o.get('budget')
    if v10 is not None:
        v10 = _money(v10)
    v11 = o.get('countries', ())
    if v11 is not _EMPTY:
        if type(v11) is not list and type(v11) is not tuple:
            raise Reject
        for x in v11:
            if type(x) is not str:
                raise Reject
        v11 = tuple(v11)
    v12 = o.get('country_count')
    if v12 is not None:
        if type(v12) is not int:
            raise Reject
    v13 = o.get('regions', ())
    if v13 is not _EMPTY:
        if type(v13) is not list and type(v13) is not tuple:
            raise Reject
        for x in v13:
            if type(x) is not str:
                raise Reject
        v13 = tuple(v13)
    v14 = o.get('activities', ())
    if v14 is not _EMPTY:
        if type(v14) is not list and type(v14) is not tuple:
            raise Reject
        for x in v14:
            if type(x) is not str:
                raise Reject
        v14 = tuple(v14)
    self = _new(Programme)
    _Programme_set_id(self, v0)
    _Programme_set_name(self, v1)
    _Programme_set_acronym(self, v2)
    _Programme_set_aliases(self, v3)
    _Programme_set_description(self, v4)
    _Programme_set_policy_areas(self, v5)
    _Programme_set_participants(self, v6)
    _Programme_set_sources(self, v7)
    _Programme_set_launched(self, v8)
    _Programme_set_ended(self, v9)
    _Programme_set_budget(self, v10)
    _Programme_set_countries(self, v11)
    _Programme_set_country_count(self, v12)
    _Programme_set_regions(self, v13)
    _Programme_set_activities(self, v14)
    return self

_DataFile_keys = frozenset(('schema_version', 'documents', 'organisations', 'agreements', 'dialogues', 'programmes',))
_DataFile_set_schema_version = DataFile.schema_version.__set__
_DataFile_set_documents = DataFile.documents.__set__
_DataFile_set_organisations = DataFile.organisations.__set__
_DataFile_set_agreements = DataFile.agreements.__set__
_DataFile_set_dialogues = DataFile.dialogues.__set__
_DataFile_set_programmes = DataFile.programmes.__set__


def quick_DataFile(o, _t=None):
    """Structure well-formed JSON into a DataFile, or raise Reject."""
    if type(o) is not dict or not _DataFile_keys.issuperset(o):
        raise Reject
    v0 = o.get('schema_version')
    if v0 is not None:
        if type(v0) is not int:
            raise Reject
    v1 = o.get('documents', ())
    if v1 is not _EMPTY:
        if type(v1) is not list and type(v1) is not tuple:
            raise Reject
        v1 = tuple(map(quick_Document, v1))
    v2 = o.get('organisations', ())
    if v2 is not _EMPTY:
        if type(v2) is not list and type(v2) is not tuple:
            raise Reject
        v2 = tuple(map(quick_Organisation, v2))
    v3 = o.get('agreements', ())
    if v3 is not _EMPTY:
        if type(v3) is not list and type(v3) is not tuple:
            raise Reject
        v3 = tuple(map(quick_Agreement, v3))
    v4 = o.get('dialogues', ())
    if v4 is not _EMPTY:
        if type(v4) is not list and type(v4) is not tuple:
            raise Reject
        v4 = tuple(map(quick_Dialogue, v4))
    v5 = o.get('programmes', ())
    if v5 is not _EMPTY:
        if type(v5) is not list and type(v5) is not tuple:
            raise Reject
        v5 = tuple(map(quick_Programme, v5))
    self = _new(DataFile)
    _DataFile_set_schema_version(self, v0)
    _DataFile_set_documents(self, v1)
    _DataFile_set_organisations(self, v2)
    _DataFile_set_agreements(self, v3)
    _DataFile_set_dialogues(self, v4)
    _DataFile_set_programmes(self, v5)
    return self


#: The hook of each class, for the fast converter.
HOOKS = {Document: quick_Document, Participant: quick_Participant, Source: quick_Source, Partnership: quick_Partnership, Organisation: quick_Organisation, Agreement: quick_Agreement, Session: quick_Session, Dialogue: quick_Dialogue, Programme: quick_Programme, DataFile: quick_DataFile}
for _hook in HOOKS.values():
    _hook.__quick__ = True
