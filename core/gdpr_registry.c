/*
 * The processing record: every table of the schema, personal or not, with
 * what it holds, why, on what legal basis and for how long, in Swedish and
 * English. gdpr.c holds the export query of each personal table;
 * gdpr_schema_check() makes sure the two agree with the schema.
 *
 * When you add a table: add it here (personal or not) and, if personal, its
 * export query in gdpr.c. test_security_gdpr fails until you do.
 */
#include "gdpr.h"

#include <string.h>

/* Shared wording. */
#define BASIS_TASK_SV                                                                              \
	"Uppgift av allmänt intresse (art. 6.1 e GDPR): kommunens skyldighet att skydda sin "     \
	"information och att utbilda personalen i informationssäkerhet; i förekommande fall "     \
	"rättslig förpliktelse (art. 6.1 c). Inte samtycke: en anställd kan inte fritt samtycka " \
	"till sin arbetsgivare."
#define BASIS_TASK_EN                                                                              \
	"Public task (art. 6(1)(e) GDPR): the municipality's duty to protect its information and " \
	"to train its staff in information security; where applicable a legal obligation (art. "   \
	"6(1)(c)). Not consent: an employee cannot freely consent to their employer."
#define BASIS_SECURITY_SV                                                                          \
	"Rättslig förpliktelse (art. 6.1 c och art. 32 GDPR: lämpliga säkerhetsåtgärder) och "    \
	"uppgift av allmänt intresse (art. 6.1 e)."
#define BASIS_SECURITY_EN                                                                          \
	"Legal obligation (art. 6(1)(c) and art. 32 GDPR: appropriate security measures) and "     \
	"public task (art. 6(1)(e))."
#define KEEP_36_SV                                                                                 \
	"Gallras efter 36 månader (inställningen retention_months) med vaksam gdpr purge."
#define KEEP_36_EN "Removed after 36 months (setting retention_months) by vaksam gdpr purge."

#define NOT_PERSONAL(t, sv, en) { t, false, { sv, NULL, NULL, NULL, NULL }, { en, NULL, NULL, NULL, NULL } }

/* texts: title, data, purpose, legal basis, retention */
static const struct entry {
	const char *table;
	bool personal;
	const char *sv[5];
	const char *en[5];
} entries[] = {
	{ "person", true,
	  { "Personen", "Anställningsnummer, namn, enhet, roll, aktiv, när posten skapades, senast "
			"inloggad, när personen slutade.",
	    "Att veta vem som ska gå vilken utbildning, att kunna logga in och att följa upp "
	    "vilka som genomfört den.",
	    BASIS_TASK_SV,
	    "Så länge personen är anställd; därefter så länge genomförda kurser sparas som bevis "
	    "på utbildning, enligt kommunens gallringsbeslut. Kan raderas med vaksam gdpr erase "
	    "där arkivreglerna tillåter." },
	  { "The person", "Employee number, name, unit, role, active, when created, last login, "
			  "when the person left.",
	    "To know who is to take which training, to log in, and to follow up who completed it.",
	    BASIS_TASK_EN,
	    "While the person is employed; then as long as completed courses are kept as proof of "
	    "training, under the municipality's retention decision. Can be erased with vaksam "
	    "gdpr erase where the archive rules allow." } },
	{ "credential", true,
	  { "Inloggningsuppgifter", "Att en PIN-kod, en inloggningsbricka och en aktiveringskod "
				    "finns och när de sattes. Själva koderna lagras aldrig i klartext "
				    "och lämnas aldrig ut.",
	    "Säker inloggning på delade terminaler.", BASIS_SECURITY_SV,
	    "Tills de byts, återställs eller personen raderas." },
	  { "Login credentials", "That a PIN, a badge and an activation code exist and when they "
				 "were set. The codes themselves are never stored in clear and never "
				 "shown.",
	    "Secure login on shared terminals.", BASIS_SECURITY_EN,
	    "Until changed, reset, or the person is erased." } },
	{ "totp", true,
	  { "Engångskoder (tvåfaktor)", "Att en hemlighet för engångskoder finns och när den "
					"skapades; hemligheten lagras bara krypterad.",
	    "Tvåfaktorsinloggning för samordnare och administratörer.", BASIS_SECURITY_SV,
	    "Tills en ny skapas eller personen raderas." },
	  { "One-time codes (two factors)", "That a one-time code secret exists and when it was "
					    "made; the secret is stored only encrypted.",
	    "Two-factor login for coordinators and administrators.", BASIS_SECURITY_EN,
	    "Until a new one is made or the person is erased." } },
	{ "login_lock", true,
	  { "Felaktiga inloggningsförsök", "Antal felaktiga försök i rad och spärrar, per "
					   "inloggningssätt.",
	    "Skydd mot gissning av PIN-koder.", BASIS_SECURITY_SV,
	    "Till nästa lyckade inloggning eller upplåsning; gallras efter 36 månader." },
	  { "Failed logins", "Wrong attempts in a row and locks, per way of logging in.",
	    "Protection against guessing PINs.", BASIS_SECURITY_EN,
	    "Until the next successful login or unlock; removed after 36 months." } },
	{ "coordinator_scope", true,
	  { "Samordnaransvar", "De enheter en samordnare har fått ansvar för.",
	    "Att samordnaren bara ser de enheter hen ansvarar för.", BASIS_TASK_SV,
	    "Så länge uppdraget gäller." },
	  { "Coordinator scope", "The units a coordinator was given.",
	    "So that a coordinator sees only the units they are responsible for.", BASIS_TASK_EN,
	    "While the assignment lasts." } },
	{ "lesson_progress", true,
	  { "Var du är i kurserna", "Kurs, sida och antal lästa sidor, senast ändrat.",
	    "Att du kommer tillbaka till samma sida.", BASIS_TASK_SV, KEEP_36_SV },
	  { "Where you are in courses", "Course, page and pages read, last changed.",
	    "To bring you back to the same page.", BASIS_TASK_EN, KEEP_36_EN } },
	{ "assignment", true,
	  { "Tilldelade kurser", "Kurser som tilldelats dig och när de ska vara klara.",
	    "Att följa upp att alla får den utbildning de behöver.", BASIS_TASK_SV,
	    "Så länge personen är anställd." },
	  { "Assigned courses", "Courses assigned to you and when they are due.",
	    "To follow up that everyone gets the training they need.", BASIS_TASK_EN,
	    "While the person is employed." } },
	{ "attempt", true,
	  { "Försök (förtest, prov, repetition)", "Kurs, typ, kiosk eller papper, start, slut, "
						  "resultat och om du klarade det, och text du "
						  "skrivit men inte skickat i ett pågående försök.",
	    "Utbildning och mätning av kunskapsnivåer per enhet.", BASIS_TASK_SV,
	    "Resultaten sparas för uppföljning; svaren gallras efter 36 månader. Vid radering "
	    "finns försöken bara kvar som anonym statistik för enheten." },
	  { "Attempts (pre-test, quiz, refresh)", "Course, kind, kiosk or paper, start, end, score "
						  "and whether you passed, and text you typed but "
						  "did not send in an unfinished attempt.",
	    "Training, and measuring knowledge levels per unit.", BASIS_TASK_EN,
	    "Scores are kept for follow-up; answers are removed after 36 months. After an erase "
	    "the attempts remain only as anonymous unit statistics." } },
	{ "response", true,
	  { "Svar", "Varje svar du gett: fråga, svar, poäng och tid.",
	    "Återkoppling, repetition av det du svarat fel på, och analys av frågorna.",
	    BASIS_TASK_SV, KEEP_36_SV },
	  { "Answers", "Every answer you gave: question, answer, mark and time.",
	    "Feedback, repeating what you got wrong, and analysing the questions.", BASIS_TASK_EN,
	    KEEP_36_EN } },
	{ "completion", true,
	  { "Genomförda kurser", "Kurs, datum och resultat.", "Bevis på genomförd utbildning.",
	    BASIS_TASK_SV,
	    "Sparas som bevis på utbildning (inställningen keep_completions) enligt kommunens "
	    "gallringsbeslut." },
	  { "Completed courses", "Course, date and score.", "Proof of training.", BASIS_TASK_EN,
	    "Kept as proof of training (setting keep_completions) under the municipality's "
	    "retention decision." } },
	{ "paper_sheet", true,
	  { "Pappersprov", "Provblad som skrivits ut med ditt namn: kod, kurs, utskrivet, "
			   "inmatat.",
	    "Utbildning på papper för den som inte använder kiosken.", BASIS_TASK_SV,
	    "Som försöken." },
	  { "Paper quizzes", "Quiz sheets printed with your name: code, course, printed, entered.",
	    "Training on paper for those who do not use the kiosk.", BASIS_TASK_EN,
	    "As attempts." } },
	{ "certificate", true,
	  { "Intyg", "Utfärdade intyg: kontrollkod, typ, datum.",
	    "Att du kan visa att du genomfört utbildningen.", BASIS_TASK_SV,
	    "Som genomförda kurser." },
	  { "Certificates", "Certificates issued: verification code, kind, date.",
	    "So that you can show that you completed the training.", BASIS_TASK_EN,
	    "As completed courses." } },
	{ "certificate_course", true,
	  { "Kurser på intyg", "Kurser, datum och resultat som ett intyg bekräftar.",
	    "Att intyget kan kontrolleras.", BASIS_TASK_SV, "Som intyget." },
	  { "Courses on certificates", "Courses, dates and scores a certificate confirms.",
	    "So that a certificate can be verified.", BASIS_TASK_EN, "As the certificate." } },
	{ "survey_participation", true,
	  { "Deltagande i enkäter", "Att du deltagit i en enkätomgång (inte vad du svarade: "
				    "svaren lagras anonymt och kan inte kopplas till dig).",
	    "Att ingen svarar två gånger.", BASIS_TASK_SV, "Så länge omgången finns." },
	  { "Survey participation", "That you took part in a survey round (not what you answered: "
				    "answers are stored anonymously and cannot be linked to you).",
	    "So that nobody answers twice.", BASIS_TASK_EN, "While the round exists." } },
	{ "audit", true,
	  { "Säkerhetslogg", "Inloggningar, misslyckade försök, spärrar och administrativa "
			     "åtgärder som rör dig eller som du gjort: tid, händelse, detalj. "
			     "Loggen anger personer bara med internt id.",
	    "Att upptäcka och utreda obehörig åtkomst och missbruk.", BASIS_SECURITY_SV,
	    KEEP_36_SV },
	  { "Security log", "Logins, failed attempts, locks and administrative actions that "
			    "concern you or that you performed: time, event, detail. The log names "
			    "people by internal id only.",
	    "To detect and investigate unauthorised access and misuse.", BASIS_SECURITY_EN,
	    KEEP_36_EN } },
	NOT_PERSONAL("unit", "Organisationens enheter (inga personuppgifter).",
		     "The organisation's units (no personal data)."),
	NOT_PERSONAL("topic", "Ämnen för kurser.", "Course topics."),
	NOT_PERSONAL("course", "Kurser.", "Courses."),
	NOT_PERSONAL("course_topic", "Kursernas ämnen.", "Course topics."),
	NOT_PERSONAL("course_require", "Förkunskapskrav mellan kurser.",
		     "Requirements between courses."),
	NOT_PERSONAL("course_intro", "När en kurs infördes.", "When a course was introduced."),
	NOT_PERSONAL("lesson_page", "Kursernas sidor.", "Course pages."),
	NOT_PERSONAL("handout", "Kursernas lathundar.", "Course handouts."),
	NOT_PERSONAL("question", "Frågor.", "Questions."),
	NOT_PERSONAL("question_version", "Frågornas versioner.", "Question versions."),
	NOT_PERSONAL("setting", "Inställningar (organisationens kontaktuppgifter, inga anställdas).",
		     "Settings (the organisation's contacts, not employees')."),
	NOT_PERSONAL("survey", "Enkäter.", "Surveys."),
	NOT_PERSONAL("survey_item", "Enkätfrågor.", "Survey items."),
	NOT_PERSONAL("survey_round", "Enkätomgångar.", "Survey rounds."),
	NOT_PERSONAL("survey_sheet", "Anonyma enkätsvar: omgång och enhet, aldrig person eller tid.",
		     "Anonymous survey sheets: round and unit, never a person or a time."),
	NOT_PERSONAL("survey_answer", "Anonyma enkätsvar (värden per fråga).",
		     "Anonymous survey answers (values per item)."),
	NOT_PERSONAL("audit_head", "Kontrollsumma för säkerhetsloggens senaste post.",
		     "Checksum of the security log's newest entry."),
	NOT_PERSONAL("audit_purge_gate", "Tekniskt spärrvillkor för gallring av loggen.",
		     "Technical gate for purging the log."),
};

#define N_ENTRIES (sizeof(entries) / sizeof(entries[0]))

static struct gdpr_table_info infos_sv[N_ENTRIES], infos_en[N_ENTRIES];

static bool is_en(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

const struct gdpr_table_info *gdpr_registry(const char *lang, size_t *n)
{
	struct gdpr_table_info *infos = is_en(lang) ? infos_en : infos_sv;

	*n = N_ENTRIES;
	if (infos[0].table == NULL) {
		for (size_t i = 0; i < N_ENTRIES; i++) {
			const char *const *t = is_en(lang) ? entries[i].en : entries[i].sv;

			infos[i].table = entries[i].table;
			infos[i].personal = entries[i].personal;
			infos[i].title = entries[i].personal ? t[0] : entries[i].table;
			infos[i].data = entries[i].personal ? t[1] : t[0];
			infos[i].purpose = entries[i].personal ? t[2] : NULL;
			infos[i].legal_basis = entries[i].personal ? t[3] : NULL;
			infos[i].retention = entries[i].personal ? t[4] : NULL;
		}
	}
	return infos;
}

static const struct gdpr_texts texts_sv = {
	"Registerutdrag",
	"Det här är allt som utbildningssystemet vaksam har sparat om dig (artikel 15 i "
	"dataskyddsförordningen, GDPR), med syftet, den rättsliga grunden och hur länge "
	"uppgifterna sparas. PIN-koder och andra hemliga koder lagras aldrig i klartext och "
	"visas därför inte.",
	"Personuppgiftsansvarig",
	"Dataskyddsombud",
	"Du har rätt att få rättelse av felaktiga uppgifter, att begära begränsning och att i "
	"vissa fall få uppgifter raderade (kommunens handlingar är allmänna handlingar, så "
	"radering sker bara där arkivreglerna tillåter). Kontakta kommunens dataskyddsombud. Du "
	"har också rätt att lämna klagomål till Integritetsskyddsmyndigheten (IMY), "
	"www.imy.se, Box 8114, 104 20 Stockholm.",
	"Ändamål",
	"Rättslig grund",
	"Lagringstid",
	"Inga uppgifter.",
	"Person",
	"Utdrag skapat",
};

static const struct gdpr_texts texts_en = {
	"Register extract",
	"This is everything the training system vaksam holds on you (article 15 of the General "
	"Data Protection Regulation, GDPR), with the purpose, the legal basis and how long the "
	"data is kept. PINs and other secret codes are never stored in clear and are therefore "
	"not shown.",
	"Controller",
	"Data protection officer",
	"You have the right to have wrong data corrected, to ask for restriction and in some "
	"cases to have data erased (the municipality's records are public documents, so erasure "
	"happens only where the archive rules allow). Contact the municipality's data protection "
	"officer. You also have the right to complain to the Swedish Authority for Privacy "
	"Protection (Integritetsskyddsmyndigheten, IMY), www.imy.se, Box 8114, 104 20 "
	"Stockholm, Sweden.",
	"Purpose",
	"Legal basis",
	"Retention",
	"No data.",
	"Person",
	"Extract made",
};

const struct gdpr_texts *gdpr_texts(const char *lang)
{
	return is_en(lang) ? &texts_en : &texts_sv;
}

/* Column labels of the extract: the alias of a column in an export query,
 * then Swedish and English. */
static const struct {
	const char *key, *sv, *en;
} labels[] = {
	{ "employee_no", "Anställningsnummer", "Employee number" },
	{ "name", "Namn", "Name" },
	{ "unit", "Enhet", "Unit" },
	{ "role", "Roll", "Role" },
	{ "active", "Aktiv", "Active" },
	{ "created", "Skapad", "Created" },
	{ "last_seen", "Senast inloggad", "Last login" },
	{ "left_at", "Slutade", "Left" },
	{ "pin", "PIN-kod finns", "Has a PIN" },
	{ "pin_set", "PIN-kod satt", "PIN set" },
	{ "badge", "Bricka finns", "Has a badge" },
	{ "badge_issued", "Bricka utfärdad", "Badge issued" },
	{ "activation", "Aktiveringskod finns", "Has an activation code" },
	{ "activation_expires", "Aktiveringskod gäller till", "Activation code valid until" },
	{ "enrolled", "Skapad", "Made" },
	{ "via", "Inloggningssätt", "Way of logging in" },
	{ "failures", "Felaktiga försök i rad", "Wrong attempts in a row" },
	{ "locks", "Spärrar i rad", "Locks in a row" },
	{ "locked_until", "Spärrad till", "Locked until" },
	{ "updated", "Senast ändrad", "Last changed" },
	{ "granted", "Given", "Given" },
	{ "course", "Kurs", "Course" },
	{ "page", "Sida", "Page" },
	{ "pages_seen", "Lästa sidor", "Pages read" },
	{ "due", "Ska vara klar", "Due" },
	{ "assigned", "Tilldelad", "Assigned" },
	{ "attempt", "Försök", "Attempt" },
	{ "course_version", "Kursversion", "Course version" },
	{ "kind", "Typ", "Kind" },
	{ "source", "Källa", "Source" },
	{ "started", "Startat", "Started" },
	{ "finished", "Avslutat", "Finished" },
	{ "score", "Resultat (%)", "Score (%)" },
	{ "passed", "Godkänd", "Passed" },
	{ "draft", "Skrivet men inte skickat", "Typed but not sent" },
	{ "question", "Fråga", "Question" },
	{ "question_version", "Frågeversion", "Question version" },
	{ "answer", "Svar", "Answer" },
	{ "mark", "Poäng", "Mark" },
	{ "answered", "Besvarad", "Answered" },
	{ "passed_at", "Godkänd datum", "Passed on" },
	{ "sheet_code", "Provbladskod", "Sheet code" },
	{ "printed", "Utskrivet", "Printed" },
	{ "entered", "Inmatat", "Entered" },
	{ "certificate_code", "Kontrollkod", "Verification code" },
	{ "issued", "Utfärdat", "Issued" },
	{ "title", "Titel", "Title" },
	{ "round", "Omgång", "Round" },
	{ "at", "Tid", "Time" },
	{ "action", "Händelse", "Event" },
	{ "you_are", "Du är", "You are" },
	{ "origin", "Varifrån", "From" },
	{ "detail", "Detalj", "Detail" },
};

const char *gdpr_label(const char *key, const char *lang)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].key, key) == 0)
			return is_en(lang) ? labels[i].en : labels[i].sv;
	return key;
}
