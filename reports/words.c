/* The printed words in Swedish and English; see words.h. */
#include "reports/words.h"

#include "core/xmalloc.h"
#include "reports/doc.h"

static const struct words sv = {
    .lang = WORDS_SV,
    .box_label = "Tänk på",
    .subject = "Utbildning i informationssäkerhet",
    .open_in_kiosk = "Öppna kursen i kiosken",
    .kiosk_scan_note = "Skanna koden med kioskens läsare, eller skriv in den.",
    .read_on_phone = "Läs mer med mobilen",
    .trust_note = "Lita bara på koder som har adressen utskriven bredvid sig, som här.",
    .handout_head = "Informationssäkerhet – det här ska du kunna",
    .remember = "att komma ihåg",
    .course_kicker = "Kurs i informationssäkerhet",
    .contents = "Innehåll",
    .read_one_page = "Läs en sida i taget. Sist i häftet står hur du visar vad du har lärt dig.",
    .also_in_kiosk = "Kursen finns också i kiosken",
    .show_title = "Visa vad du har lärt dig",
    .show_intro = "När du har läst kursen gör du ett kort test. Du kan göra det på papper"
		  " eller i kiosken.",
    .on_paper = "På papper",
    .in_kiosk = "I kiosken",
    .in_kiosk_text = "Logga in i kiosken och skanna koden här nedanför, så öppnas kursen"
		     " direkt.",
    .code_only_course = "Koden leder bara till kursen. Den innehåller inga uppgifter om dig.",
    .hint_single = "Kryssa i ett svar.",
    .hint_multi = "Flera svar kan vara rätt. Kryssa i alla som stämmer.",
    .hint_truefalse = "Stämmer påståendet? Kryssa i ett svar.",
    .hint_matching = "Para ihop. Kryssa för varje rad i rutan för det svar som hör ihop med"
		     " den.",
    .hint_short = "Skriv ditt svar på linjen.",
    .hint_number = "Skriv ett tal på linjen.",
    .true_word = "Sant",
    .false_word = "Falskt",
    .choices_label = "Svar att välja:",
    .answer_label = "Svar:",
    .right_answer = "Rätt svar:",
    .or_word = "eller",
    .to_word = "till",
    .sheet_head = "Provblad",
    .explain_head = "Svar och förklaringar",
    .quiz_title = "Kunskapstest på papper",
    .anonymous_text = "Anonymt blad – skriv inte ditt namn. Svaren räknas bara för enheten.",
    .anonymous_who = "anonymt",
    .sheet_code = "Bladkod",
    .sheet_code_note = "Koden visar bara vilket blad det är, inga svar.",
    .blank_page = "Den här sidan är tom med avsikt.",
    .explain_intro = "Lämnas ut när provbladet är inlämnat. Bokstäverna gäller just det här"
		     " bladet.",
};

static const struct words en = {
    .lang = WORDS_EN,
    .box_label = "Keep in mind",
    .subject = "Information security training",
    .open_in_kiosk = "Open the course at the kiosk",
    .kiosk_scan_note = "Scan the code with the kiosk's reader, or type it in.",
    .read_on_phone = "Read more on your phone",
    .trust_note = "Only trust codes that have their address printed beside them, like this"
		  " one.",
    .handout_head = "Information security – what you need to know",
    .remember = "remember this",
    .course_kicker = "Information security course",
    .contents = "Contents",
    .read_one_page = "Read one page at a time. The last page tells you how to show what you"
		     " have learnt.",
    .also_in_kiosk = "The course is at the kiosk too",
    .show_title = "Show what you have learnt",
    .show_intro = "When you have read the course, you take a short test, on paper or at the"
		  " kiosk.",
    .on_paper = "On paper",
    .in_kiosk = "At the kiosk",
    .in_kiosk_text = "Log in at the kiosk and scan the code below: the course opens at once.",
    .code_only_course = "The code only leads to the course. It holds nothing about you.",
    .hint_single = "Tick one answer.",
    .hint_multi = "More than one answer may be right. Tick all that are.",
    .hint_truefalse = "Is the statement true? Tick one answer.",
    .hint_matching = "Match them. For each row, tick the box of the answer that belongs to"
		     " it.",
    .hint_short = "Write your answer on the line.",
    .hint_number = "Write a number on the line.",
    .true_word = "True",
    .false_word = "False",
    .choices_label = "Answers to choose from:",
    .answer_label = "Answer:",
    .right_answer = "Right answer:",
    .or_word = "or",
    .to_word = "to",
    .sheet_head = "Quiz sheet",
    .explain_head = "Answers and explanations",
    .quiz_title = "Knowledge test on paper",
    .anonymous_text = "Anonymous sheet – do not write your name. The answers count only for"
		      " the unit.",
    .anonymous_who = "anonymous",
    .sheet_code = "Sheet code",
    .sheet_code_note = "The code only tells which sheet this is, no answers.",
    .blank_page = "This page is left blank on purpose.",
    .explain_intro = "Handed out once the quiz sheet is in. The letters are those of this"
		     " sheet.",
};

const struct words *words_get(const char *language)
{
	return language && strcmp(language, "en") == 0 ? &en : &sv;
}

static const char *const months_en[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

char *words_date(const struct words *w, const char *iso)
{
	char buf[64];
	int y, m, d;

	if (w->lang == WORDS_EN && iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 &&
	    m <= 12)
		return xasprintf("%d %s %d", d, months_en[m - 1], y);
	return xstrdup(doc_date_sv(iso, buf, sizeof(buf)));
}

char *words_printed(const struct words *w, const char *iso)
{
	char *date = words_date(w, iso);
	char *s =
	    w->lang == WORDS_EN ? xasprintf("Printed %s", date) : xasprintf("Utskriven %s", date);

	free(date);
	return s;
}

char *words_page(const struct words *w, size_t n, size_t of)
{
	return w->lang == WORDS_EN ? xasprintf("Page %zu of %zu", n, of)
				   : xasprintf("Sida %zu av %zu", n, of);
}

char *words_version(const struct words *w, int version)
{
	(void)w;
	return xasprintf("version %d", version);
}

char *words_minutes(const struct words *w, int minutes)
{
	return w->lang == WORDS_EN
		   ? xasprintf("The course takes about %d minutes to read.", minutes)
		   : xasprintf("Det tar ungefär %d minuter att läsa kursen.", minutes);
}

char *words_paper_how(const struct words *w, const char *title, int pass_mark)
{
	if (w->lang == WORDS_EN)
		return xasprintf("Ask your manager or coordinator for a quiz sheet for the course"
				 " “%s”. Tick your answers and hand the sheet back. You then get a"
				 " page with all the right answers and why they are right. You pass"
				 " with at least %d %% right.",
				 title, pass_mark);
	return xasprintf("Be din chef eller samordnare om ett provblad för kursen ”%s”. Kryssa i"
			 " dina svar och lämna tillbaka bladet. Du får sedan en sida med alla"
			 " rätta svar och varför de är rätt. Du är godkänd när minst %d %% av"
			 " svaren är rätt.",
			 title, pass_mark);
}

char *words_fill_in(const struct words *w, int pass_mark)
{
	if (w->lang == WORDS_EN)
		return xasprintf(
		    "How to fill it in: tick the box of the answer you choose. To"
		    " change your mind, fill the box completely and tick another. Hand"
		    " the sheet to your manager or coordinator. You pass with at least"
		    " %d %% right. Afterwards you get a page with the right answers and"
		    " explanations.",
		    pass_mark);
	return xasprintf("Så fyller du i: kryssa i rutan för det svar du väljer. Vill du ändra"
			 " dig, fyll rutan helt och kryssa i en annan. Lämna bladet till din chef"
			 " eller samordnare. Du är godkänd med minst %d %% rätt. Efteråt får du en"
			 " sida med rätta svar och förklaringar.",
			 pass_mark);
}

char *words_label(const struct words *w, const char *label_sv, const char *label_en,
		  const char *value)
{
	return xasprintf("%s: %s", w->lang == WORDS_EN ? label_en : label_sv, value ? value : "");
}
