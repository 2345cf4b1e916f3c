# Factories return model instances; mypy sees the factory classes.
# mypy: disable-error-code="comparison-overlap,list-item"

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance import selectors, services
from maillage.governance.models import Membership, RoleKind
from maillage.governance.selectors import MapFilters
from maillage.governance.services import SYSTEM, CircleData, PolicyData, RoleData
from maillage.governance.tests.factories import (
    CircleFactory,
    FunctionFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleFactory,
    SeatFactory,
    WorkstreamFactory,
    days,
    general_circle,
    guest_of,
    populate,
    sector,
    strategy,
    user_with_person,
)
from maillage.network.tests.factories import mrc, municipality, region

pytestmark = pytest.mark.django_db


# Circle and workstream pages


def test_a_circle_page_shows_people_and_policies_only_to_partner_members(staff, member):
    circle = services.circle_create(
        actor=staff,
        data=CircleData(name="Habitation", parent=general_circle(), accountabilities=["Veiller"]),
    )
    holder = PersonFactory(first_name="Gaspard")
    services.role_assign(actor=staff, role=circle.roles.get(kind=RoleKind.LEAD), person=holder)
    services.policy_adopt(actor=staff, circle=circle, data=PolicyData(title="Règles", text="…"))
    public = selectors.circle_detail(viewer=AnonymousUser(), slug="habitation")
    assert public.circle == circle and [a.text for a in public.accountabilities] == ["Veiller"]
    assert {r.kind for r in public.roles} == {"lead", "delegate", "facilitator", "secretary"}
    assert all(r.current_assignments == [] for r in public.roles)
    assert not public.can_view and public.members == [] and public.policies == []
    seen = selectors.circle_detail(viewer=member, slug="habitation")
    lead = next(r for r in seen.roles if r.kind == RoleKind.LEAD)
    assert [a.person for a in lead.current_assignments] == [holder]
    [row] = seen.members  # the lead link is a member through the double link
    assert row.person == holder and [r.kind for r in row.links] == ["lead"] and row.direct is None
    assert [p.title for p in seen.policies] == ["Règles"]
    assert not seen.can_amend_policies and not seen.can_manage
    assert selectors.circle_detail(viewer=staff, slug="habitation").can_amend_policies
    assert selectors.circle_detail(viewer=member, slug="nulle-part") is None


def test_a_guest_sees_the_inside_of_their_workstream_and_not_of_another(staff):
    mine, other = WorkstreamFactory(), WorkstreamFactory()
    guest = guest_of(mine)
    services.invitation_create(actor=staff, workstream=mine, email="x@example.org")
    inside = selectors.workstream_detail(viewer=guest, slug=mine.slug)
    assert inside.can_view and [m.person for m in inside.members] == [guest.person]
    assert inside.invitations == [] and not inside.can_invite and inside.transitions == []
    outside = selectors.workstream_detail(viewer=guest, slug=other.slug)
    assert not outside.can_view and outside.members == [] and outside.deliverables == []
    assert outside.workstream.mandate  # the public part stays visible
    coordinator = selectors.workstream_detail(viewer=staff, slug=mine.slug)
    assert len(coordinator.invitations) == 1
    assert [t.key for t in coordinator.transitions] == ["pause", "complete"]


def test_policy_detail_lists_versions_for_members_only(staff, member):
    policy = services.policy_adopt(
        actor=staff, circle=CircleFactory(), data=PolicyData(title="P", text="v1")
    )
    services.policy_amend(actor=staff, policy=policy, data=PolicyData(title="P", text="v2"))
    detail = selectors.policy_detail(viewer=member, pk=policy.pk)
    assert [v.text for v in detail.versions] == ["v2", "v1"]
    assert detail.versions[0].created_by == staff
    assert selectors.policy_detail(viewer=user_with_role(PlatformRole.GUEST), pk=policy.pk) is None


def test_the_history_of_a_circle_gathers_its_roles_and_policies(staff, member):
    circle = services.circle_create(
        actor=staff, data=CircleData(name="Habitation", parent=general_circle())
    )
    services.policy_adopt(actor=staff, circle=circle, data=PolicyData(title="P", text="v1"))
    verbs = [e.verb for e in selectors.governance_history(viewer=member, circle=circle)]
    assert verbs[0] == "policy.adopted" and "circle.created" in verbs
    assert verbs.count("role.created") == 4
    assert selectors.governance_history(viewer=AnonymousUser(), circle=circle) == []


def test_a_persons_governance_is_filtered_by_the_viewer(member):
    person = PersonFactory()
    workstream = WorkstreamFactory()
    RoleAssignmentFactory(person=person, role=RoleFactory(circle=CircleFactory()))
    MembershipFactory(person=person, circle=None, workstream=workstream)
    full = selectors.person_governance(viewer=member, person=person)
    assert len(full.assignments) == 1 and len(full.memberships) == 1
    stranger = selectors.person_governance(viewer=guest_of(WorkstreamFactory()), person=person)
    assert stranger.assignments == [] and stranger.memberships == []
    colleague = selectors.person_governance(viewer=guest_of(workstream), person=person)
    assert colleague.assignments == [] and len(colleague.memberships) == 1


# The map


def test_the_map_nests_circles_with_their_workstreams_and_hides_people_from_the_public():
    general = general_circle()
    food = CircleFactory(name="Sécurité alimentaire", parent=general)
    housing = CircleFactory(name="Habitation", parent=general)
    CircleFactory(name="Archivé", archived_at=timezone.now())
    shared = WorkstreamFactory(name="Transport", sponsors=[food, housing])
    lead = RoleFactory(circle=food, kind=RoleKind.LEAD)
    RoleAssignmentFactory(role=lead)
    MembershipFactory(circle=food)
    late = WorkstreamFactory(sponsors=[housing], sunset_date=days(-1))

    seen = selectors.structure_map(viewer=user_with_role(PlatformRole.MEMBER))
    [root] = seen.roots
    assert root.circle == general and root.depth == 0
    assert [c.circle.name for c in root.children] == ["Habitation", "Sécurité alimentaire"]
    food_node = root.children[1]
    assert food_node.depth == 1 and food_node.member_count == 1
    assert [w.workstream for w in food_node.workstreams] == [shared]
    assert {w.workstream for w in root.children[0].workstreams} == {shared, late}
    assert next(w for w in root.children[0].workstreams if w.workstream == late).past_sunset
    assert len(food_node.roles[0].current_assignments) == 1
    assert [n.circle.name for n in seen.walk()] == [
        general.name,
        "Habitation",
        "Sécurité alimentaire",
    ]

    public = selectors.structure_map(viewer=AnonymousUser())
    food_public = public.roots[0].children[1]
    assert food_public.member_count is None and not food_public.visible
    assert food_public.roles[0].current_assignments == []
    assert food_public.circle.purpose  # names and purposes are public


def test_map_filters_keep_matches_and_the_circles_above_them():
    charlevoix = mrc("2416", "Charlevoix")
    town = municipality("2416013", "Baie-Saint-Paul", parent=charlevoix)
    general = general_circle()
    food = CircleFactory(name="Sécurité alimentaire", parent=general)
    food.territories.set([town])
    sub = CircleFactory(name="Jardins", parent=food)
    sub.strategies.set([strategy("action-communautaire")])
    housing = CircleFactory(name="Habitation", parent=general)
    school = OrganizationFactory(sectors=[sector("education")])
    seat = SeatFactory(organization=school)
    MembershipFactory(circle=housing, person=seat.holder)
    workstream = WorkstreamFactory(sponsors=[general])
    workstream.territories.set([charlevoix])

    by_place = selectors.structure_map(
        viewer=AnonymousUser(), filters=MapFilters(territory=charlevoix)
    )
    root = by_place.roots[0]
    assert not root.matched and [w.workstream for w in root.workstreams] == [workstream]
    assert [(c.circle.name, c.matched) for c in root.children] == [("Sécurité alimentaire", True)]

    by_strategy = selectors.structure_map(
        viewer=AnonymousUser(), filters=MapFilters(strategy=strategy("action-communautaire"))
    )
    food_node = by_strategy.roots[0].children[0]
    assert not food_node.matched and [c.circle.name for c in food_node.children] == ["Jardins"]

    by_sector = selectors.structure_map(
        viewer=AnonymousUser(), filters=MapFilters(sector=sector("education"))
    )
    assert [c.circle.name for c in by_sector.roots[0].children] == ["Habitation"]


# Intersectoral balance


def test_the_balance_counts_members_by_sector_level_and_mrc_and_names_what_is_missing(member):
    home = region()
    charlevoix = mrc("2416", "Charlevoix", parent=home)
    portneuf = mrc("2434", "Portneuf", parent=home)
    mrc("2421", "La Côte-de-Beaupré", parent=home)
    circle = CircleFactory()

    community = OrganizationFactory(
        sectors=[sector("communautaire")], level="supralocal", territories=[charlevoix]
    )
    seat = SeatFactory(organization=community)
    MembershipFactory(circle=circle, person=seat.holder)  # sits for `community` (seat)

    town_hall = OrganizationFactory(
        sectors=[sector("municipal")],
        level="local",
        territories=[municipality("2434017", "Pont-Rouge", parent=portneuf)],
    )
    employee = FunctionFactory(organization=town_hall).person
    MembershipFactory(circle=circle, person=employee)  # no seat: their function counts

    MembershipFactory(circle=circle)  # a citizen sitting for nobody

    health = OrganizationFactory(
        sectors=[sector("sante-services-sociaux"), sector("reseaux-publics")],
        level="regional",
        territories=[home],
    )
    double = SeatFactory(organization=health)
    SeatFactory(holder=double.holder, organization=community)
    # In this circle they sit for the health organization only.
    MembershipFactory(circle=circle, person=double.holder, seat=double)
    MembershipFactory(circle=circle, ended_at=timezone.now(), end_reason="left")

    balance = selectors.intersectoral_balance(viewer=member, circle=circle)
    counts = {row.key: row.count for row in balance.by_sector}
    assert balance.total == 4 and balance.without_organization == 1
    assert counts["communautaire"] == 1 and counts["municipal"] == 1
    assert counts["sante-services-sociaux"] == 1 and counts["reseaux-publics"] == 1
    assert counts["education"] == 0
    assert {row.key: row.count for row in balance.by_level} == {
        "local": 1,
        "supralocal": 1,
        "regional": 1,
        "national": 0,
    }
    assert [(row.label, row.count) for row in balance.by_territory] == [
        ("Charlevoix", 1),
        ("La Côte-de-Beaupré", 0),
        ("Portneuf", 1),
    ]
    assert balance.region_wide == 1
    assert [t.name for t in balance.missing_territories] == ["La Côte-de-Beaupré"]
    assert "education" in [s.key for s in balance.missing_sectors]
    assert "communautaire" not in [s.key for s in balance.missing_sectors]
    assert balance.largest == 1
    assert selectors.intersectoral_balance(viewer=AnonymousUser(), circle=circle) is None


def test_the_balance_is_measured_against_the_groups_own_territories_and_sectors(member):
    """A workstream working in Charlevoix only, with the community and municipal sectors, misses
    what it covers: not every MRC of the region nor every sector."""
    home = region()
    charlevoix = mrc("2416", "Charlevoix", parent=home)
    charlevoix_est = mrc("2415", "Charlevoix-Est", parent=home)
    portneuf = mrc("2434", "Portneuf", parent=home)
    workstream = WorkstreamFactory()
    workstream.territories.set([charlevoix, municipality("2415013", "La Malbaie", charlevoix_est)])
    workstream.sectors.set([sector("communautaire"), sector("municipal")])
    community = OrganizationFactory(
        sectors=[sector("communautaire"), sector("economique")], territories=[charlevoix]
    )
    MembershipFactory(
        circle=None, workstream=workstream, person=SeatFactory(organization=community).holder
    )
    visitor = OrganizationFactory(sectors=[sector("education")], territories=[portneuf])
    MembershipFactory(
        circle=None, workstream=workstream, person=SeatFactory(organization=visitor).holder
    )

    balance = selectors.intersectoral_balance(viewer=member, workstream=workstream)
    assert balance.territories_named and balance.sectors_named
    # The MRCs it works in first, zeros included, then those its members come from.
    assert [(r.label, r.count) for r in balance.by_territory] == [
        ("Charlevoix", 1),
        ("Charlevoix-Est", 0),
        ("Portneuf", 1),
    ]
    assert balance.missing_territories == [charlevoix_est]
    # The sectors it brings together first, then the others present; each counted per person.
    assert [(r.key, r.count) for r in balance.by_sector] == [
        ("communautaire", 1),
        ("municipal", 0),
        ("education", 1),
        ("economique", 1),
    ]
    assert [s.key for s in balance.missing_sectors] == ["municipal"]

    # Naming the whole region measures it against every MRC of the region.
    workstream.territories.set([home])
    whole = selectors.intersectoral_balance(viewer=member, workstream=workstream)
    assert {t.name for t in whole.missing_territories} == {"Charlevoix-Est"}
    assert len(whole.by_territory) == 3
    # Naming nothing: the region's MRCs and every sector, and the page says so.
    workstream.territories.clear()
    workstream.sectors.clear()
    unnamed = selectors.intersectoral_balance(viewer=member, workstream=workstream)
    assert not unnamed.territories_named and not unnamed.sectors_named
    assert "sante-services-sociaux" in [s.key for s in unnamed.missing_sectors]


def test_the_balance_page_says_what_it_counts_and_against_what(client, member):
    workstream = WorkstreamFactory(name="Logement à Charlevoix")
    workstream.territories.set([mrc("2416", "Charlevoix", parent=region())])
    MembershipFactory(circle=None, workstream=workstream, person=member.person)
    client.force_login(member)
    page = client.get(reverse("governance:workstream_detail", kwargs={"slug": workstream.slug}))
    assert "compte une fois dans chaque secteur" in page.text
    assert "mesuré par rapport aux MRC où ce groupe travaille" in page.text
    assert "Aucun membre de Charlevoix" in page.text


def test_the_balance_of_a_workstream_counts_its_outsiders(member):
    workstream = WorkstreamFactory()
    seat = SeatFactory(organization=OrganizationFactory(sectors=[sector("citoyen")]))
    Membership.objects.create(person=seat.holder, workstream=workstream, kind="external")
    balance = selectors.intersectoral_balance(viewer=member, workstream=workstream)
    assert balance.total == 1
    assert next(r for r in balance.by_sector if r.key == "citoyen").count == 1


# Query counts do not grow with the data


def main_reads(viewer, general):
    circle = general.children.order_by("pk").first()
    workstream = circle.sponsored_workstreams.first()
    return {
        "circle_list": lambda: list(selectors.circle_list(viewer=viewer)),
        "workstream_list": lambda: list(selectors.workstream_list(viewer=viewer)),
        "structure_map": lambda: selectors.structure_map(viewer=viewer),
        "map_by_sector": lambda: selectors.structure_map(
            viewer=viewer, filters=MapFilters(sector=sector("communautaire"))
        ),
        "general_circle": lambda: selectors.circle_detail(viewer=viewer, slug=general.slug),
        "circle": lambda: selectors.circle_detail(viewer=viewer, slug=circle.slug),
        "workstream": lambda: selectors.workstream_detail(viewer=viewer, slug=workstream.slug),
        "calendar": lambda: selectors.calendar_events(viewer=viewer),
        "balance": lambda: selectors.intersectoral_balance(viewer=viewer, circle=general),
        "reminders": lambda: selectors.reminder_plan(start=days(0), end=days(400)),
    }


@pytest.mark.parametrize("role", [PlatformRole.STAFF, PlatformRole.GUEST, "anonymous"])
def test_query_counts_are_the_same_with_5_and_with_100_circles(role, query_budget):
    meter = query_budget(20)
    viewer = AnonymousUser() if role == "anonymous" else user_with_person(role)
    general = general_circle()
    populate(5, general)
    small = {name: meter(read, name) for name, read in main_reads(viewer, general).items()}
    populate(95, general)
    large = {name: meter(read, name) for name, read in main_reads(viewer, general).items()}
    assert large == small


def test_unknown_pages_are_none(member):
    assert selectors.workstream_detail(viewer=member, slug="inconnu") is None
    assert selectors.policy_detail(viewer=member, pk=999) is None
    assert selectors.intersectoral_balance(viewer=member) is None


def test_role_may_amend_default_appears_in_details(staff):
    circle = CircleFactory()
    role = services.role_create(actor=SYSTEM, circle=circle, data=RoleData(kind="secretary"))
    assert role.may_amend_policies


def test_workstreams_past_their_sunset_are_listed_for_follow_up():
    late = WorkstreamFactory(sunset_date=days(-3))
    WorkstreamFactory(sunset_date=days(-3), status="completed")
    WorkstreamFactory(sunset_date=days(3))
    listed = selectors.workstream_list(viewer=AnonymousUser(), past_sunset=True)
    assert list(listed) == [late]


def test_a_new_circle_or_workstream_starts_only_from_an_open_circle():
    open_one = CircleFactory(name="Ouvert")
    archived = CircleFactory(name="Fermé", archived_at=timezone.now())
    assert selectors.open_circle(open_one.slug) == open_one
    assert selectors.open_circle(archived.slug) is None
    assert selectors.open_circle("nothing-by-that-name") is None


# My space: a person's groups, their next dates, the invitations awaiting them


def test_person_groups_give_one_row_per_group_with_its_direct_membership_and_roles(general):
    user = user_with_person(PlatformRole.MEMBER)
    person = user.person
    housing = services.circle_create(
        actor=SYSTEM, data=CircleData(name="Habitation", parent=general)
    )
    services.membership_join(actor=SYSTEM, person=person, circle=housing)
    services.role_assign(
        actor=SYSTEM, role=housing.roles.get(kind=RoleKind.SECRETARY), person=person
    )
    services.role_assign(
        actor=SYSTEM, role=housing.roles.get(kind=RoleKind.DELEGATE), person=person
    )
    workstream = WorkstreamFactory(name="Atelier")
    MembershipFactory(person=person, circle=None, workstream=workstream, kind="external")
    MembershipFactory(
        person=person,
        circle=CircleFactory(name="Quitté"),
        ended_at=timezone.now(),
        end_reason="left",
    )

    mine = selectors.person_groups(viewer=user, person=person)
    assert [row.group.name for row in mine.circles] == ["Cercle général", "Habitation"]
    general_row, housing_row = mine.circles
    # The delegate (second lien) is a member of the parent circle through the double link.
    assert general_row.direct is None and [r.kind for r in general_row.roles] == ["delegate"]
    assert housing_row.direct is not None and housing_row.direct.kind == "member"
    assert sorted(r.kind for r in housing_row.roles) == ["delegate", "secretary"]
    [row] = mine.workstreams
    assert row.group == workstream and row.direct.kind == "external" and row.roles == []
    assert mine.circle_ids == {general.pk, housing.pk} and mine.workstream_ids == {workstream.pk}
    assert sorted(a.role.kind for a in mine.assignments) == ["delegate", "secretary"]
    assert selectors.person_groups(viewer=user, person=None).circles == []


def test_upcoming_events_are_the_next_few_of_the_groups_asked_that_the_viewer_may_see(agenda):
    member = user_with_role(PlatformRole.MEMBER)
    other = CircleFactory(name="Ailleurs")
    RoleAssignmentFactory(role=RoleFactory(circle=other), term_end=days(3))
    events = selectors.upcoming_events(
        viewer=member,
        circle_ids={agenda.circle.pk},
        workstream_ids={agenda.workstream.pk},
        limit=5,
    )
    assert [(e.kind, e.date) for e in events] == [
        ("term_end", days(10)),
        ("policy_review", days(20)),
        ("sunset", days(30)),
    ]
    assert [
        e.kind
        for e in selectors.upcoming_events(
            viewer=member, circle_ids={agenda.circle.pk}, workstream_ids=set(), limit=1
        )
    ] == ["term_end"]
    # A guest sees the events of their own workstreams only, whatever is asked.
    guest = guest_of(agenda.workstream)
    seen = selectors.upcoming_events(
        viewer=guest,
        circle_ids={agenda.circle.pk},
        workstream_ids={agenda.workstream.pk, WorkstreamFactory(sunset_date=days(2)).pk},
        limit=5,
    )
    assert [e.title for e in seen] == ["Transport collectif rural"]
    assert (
        selectors.upcoming_events(
            viewer=AnonymousUser(), circle_ids={agenda.circle.pk}, workstream_ids=set(), limit=5
        )
        == []
    )


def test_invitations_awaiting_are_those_sent_to_a_confirmed_address_still_open(general):
    from allauth.account.models import EmailAddress

    inviter = user_with_role(PlatformRole.STAFF, first_name="Hélène", last_name="Côté")
    invited = user_with_role(PlatformRole.CITIZEN, email="rose@exemple.org")
    EmailAddress.objects.create(user=invited, email="rose.pro@exemple.org", verified=True)
    EmailAddress.objects.create(user=invited, email="pas.confirmee@exemple.org", verified=False)

    def workstream(name):
        found = WorkstreamFactory(name=name, sponsors=[general])
        RoleFactory(circle=None, workstream=found, kind=RoleKind.LEAD)
        return found

    def invite(where, email, **options):
        return services.invitation_create(actor=inviter, workstream=where, email=email, **options)

    soon = invite(workstream("Bientôt"), "ROSE@exemple.org", expires_in_days=2)
    later = invite(workstream("Plus tard"), "rose.pro@exemple.org", expires_in_days=10)
    invite(workstream("Non confirmée"), "pas.confirmee@exemple.org")
    invite(workstream("Quelqu’un d’autre"), "autre@exemple.org")
    withdrawn = invite(workstream("Retirée"), "rose@exemple.org")
    services.invitation_revoke(actor=inviter, invitation=withdrawn.invitation)
    expired = invite(workstream("Échue"), "rose@exemple.org")
    expired.invitation.expires_at = timezone.now()
    expired.invitation.save()
    closed = workstream("Fermé")
    invite(closed, "rose@exemple.org")
    closed.status = "closed"
    closed.save()
    joined = workstream("Déjà membre")
    invite(joined, "rose@exemple.org")
    MembershipFactory(
        person=PersonFactory(user=invited), circle=None, workstream=joined, kind="guest"
    )

    awaiting = selectors.invitations_awaiting(viewer=invited)
    assert [a.workstream.name for a in awaiting] == ["Bientôt", "Plus tard"]
    assert awaiting[0].accept_url == soon.accept_url and awaiting[1].accept_url == later.accept_url
    assert awaiting[0].inviter == "Hélène Côté" and awaiting[0].kind == "Acteur externe"
    assert selectors.invitations_awaiting(viewer=user_with_role(PlatformRole.MEMBER)) == []
    assert selectors.invitations_awaiting(viewer=AnonymousUser()) == []
