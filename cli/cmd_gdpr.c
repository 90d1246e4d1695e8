/*
 * `vaksam gdpr ...`: data protection.
 *   export EMPLOYEE -o FILE.pdf|FILE.csv [--lang sv|en]   register extract (art. 15)
 *   erase EMPLOYEE --reason TEXT                          erasure, where archive rules allow
 *   purge [--older-than PERIOD] [--dry-run] [--keep-completions|--drop-completions]
 *   inventory [--lang sv|en]                              the record of processing
 *   check                                                 every table classified and exported
 * Output paths are used exactly as given; a symbolic link is refused. Every
 * text from the database is cleaned before it is printed or written.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/commands.h"
#include "core/audit.h"
#include "core/gdpr.h"
#include "core/outfile.h"
#include "core/person.h"
#include "core/sanitize.h"
#include "core/setting.h"
#include "core/store.h"
#include "core/xmalloc.h"
#include "reports/doc.h"
#include "reports/flow.h"
#include "reports/pdf.h"

#define PREFIX "vaksam gdpr"

static int gdpr_export_main(struct cli *cli, int argc, char **argv);
static int gdpr_erase_main(struct cli *cli, int argc, char **argv);
static int gdpr_purge_main(struct cli *cli, int argc, char **argv);
static int gdpr_inventory_main(struct cli *cli, int argc, char **argv);
static int gdpr_check_main(struct cli *cli, int argc, char **argv);

static const struct cli_command gdpr_commands[] = {
	{ .name = "export", .fn = gdpr_export_main,
	  .usage = "EMPLOYEE -o FILE.pdf|FILE.csv [--lang sv|en]",
	  .help = "Everything held on a person, with purposes, legal bases and retention." },
	{ .name = "erase", .fn = gdpr_erase_main, .usage = "EMPLOYEE --reason TEXT",
	  .help = "Erase a person; their answers stay only as anonymous unit statistics." },
	{ .name = "purge", .fn = gdpr_purge_main,
	  .usage = "[--older-than 36m] [--dry-run] [--keep-completions|--drop-completions]",
	  .help = "Remove answers, audit entries and other data older than the retention period." },
	{ .name = "inventory", .fn = gdpr_inventory_main, .usage = "[--lang sv|en]",
	  .help = "The record of processing: what personal data, where, why, how long." },
	{ .name = "check", .fn = gdpr_check_main, .usage = "",
	  .help = "Check that every table is classified and every personal one is exported." },
	{ .name = NULL },
};

/* The index of a command in gdpr_commands, for usage messages. */
static const struct cli_command *command(const char *name)
{
	for (const struct cli_command *c = gdpr_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return gdpr_commands;
}

/* Reads "--lang X" / "--lang=X" at argv[*i]; returns 1 taken, 0 not it,
 * -1 bad value. */
static int take_lang(int argc, char **argv, int *i, const char **lang)
{
	const char *v = NULL;

	if (strcmp(argv[*i], "--lang") == 0 && *i + 1 < argc)
		v = argv[++*i];
	else if (strncmp(argv[*i], "--lang=", 7) == 0)
		v = argv[*i] + 7;
	else
		return 0;
	if (strcmp(v, "sv") != 0 && strcmp(v, "en") != 0)
		return -1;
	*lang = v;
	return 1;
}

static int find_person(struct store *store, const char *employee_no, struct person *p)
{
	char *cause = NULL;
	int found = person_find(store, employee_no, p, &cause);

	if (found < 0) {
		cli_fail(cause);
	} else if (found == 0) {
		char *clean = sanitize_text(employee_no, 0);

		fprintf(stderr, "vaksam: no person with employee number '%s'\n", clean);
		free(clean);
	}
	return found;
}

/* ---- export ----------------------------------------------------------- */

/* Writes one CSV cell: numbers as they are, text cleaned, neutralised
 * against formulas and quoted. */
static void csv_cell(FILE *fp, const char *text, bool numeric, bool first)
{
	if (!first)
		fputc(';', fp);
	if (text == NULL)
		return;
	if (numeric) {
		fputs(text, fp);
	} else {
		char *clean = sanitize_text(text, SANITIZE_KEEP_NEWLINE | SANITIZE_KEEP_TAB);
		char *safe = sanitize_csv_cell(clean);

		csv_fwrite(fp, safe, strlen(safe));
		free(safe);
		free(clean);
	}
}

static void csv_pair(FILE *fp, const char *a, const char *b)
{
	csv_cell(fp, a, false, true);
	csv_cell(fp, b, false, false);
	fputs("\r\n", fp);
}

static int export_csv(const struct gdpr_extract *x, const struct outfile_policy *policy,
		      const char *path, char **cause)
{
	const struct gdpr_texts *t = gdpr_texts(x->lang);
	char *who = xasprintf("%s %s", x->person.employee_no, x->person.name);
	FILE *fp = outfile_fopen(path, policy, 0, cause);
	int rc = -1;

	if (fp == NULL)
		goto cleanup;
	fputs("\xef\xbb\xbf", fp); /* BOM: Swedish Excel reads UTF-8 then */
	csv_pair(fp, t->title, x->organisation);
	csv_pair(fp, t->person_label, who);
	csv_pair(fp, t->generated_label, x->generated);
	csv_pair(fp, t->controller, x->organisation);
	csv_pair(fp, t->dpo, x->dpo_email);
	csv_pair(fp, t->intro, NULL);
	csv_pair(fp, t->rights, NULL);
	for (size_t i = 0; i < x->n_sections; i++) {
		const struct gdpr_section *s = &x->sections[i];

		fputs("\r\n", fp);
		csv_pair(fp, s->info->title, s->info->data);
		csv_pair(fp, t->purpose, s->info->purpose);
		csv_pair(fp, t->legal_basis, s->info->legal_basis);
		csv_pair(fp, t->retention, s->info->retention);
		if (s->n_rows == 0) {
			csv_pair(fp, t->none, NULL);
			continue;
		}
		for (size_t c = 0; c < s->n_columns; c++)
			csv_cell(fp, s->columns[c], false, c == 0);
		fputs("\r\n", fp);
		for (size_t r = 0; r < s->n_rows; r++) {
			for (size_t c = 0; c < s->n_columns; c++)
				csv_cell(fp, s->cells[r * s->n_columns + c],
					 s->numeric[r * s->n_columns + c], c == 0);
			fputs("\r\n", fp);
		}
	}
	if (ferror(fp)) {
		*cause = xasprintf("%s: write error", path);
		fclose(fp);
		goto cleanup;
	}
	if (fclose(fp) != 0) {
		*cause = xasprintf("%s: write error", path);
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(who);
	return rc;
}

/* "Label: value" for one field of a row. */
static void pdf_field(struct flow *f, const char *label, const char *value)
{
	char *line = xasprintf("%s: %s", label, value ? value : "–");

	flow_text(f, PDF_REGULAR, 10, PDF_MM(4), line, 1);
	free(line);
}

static int export_pdf(const struct gdpr_extract *x, const char *path, char **cause)
{
	const struct gdpr_texts *t = gdpr_texts(x->lang);
	struct pdf_meta meta = { t->title, x->organisation, t->title, 0 };
	struct pdf *pdf = NULL;
	struct flow f;
	char *who = xasprintf("%s: %s (%s)", t->person_label, x->person.name,
			      x->person.employee_no);
	char *line = NULL;
	int rc = -1;

	meta.created = store_time();
	if (pdf_new(&meta, &pdf, cause) < 0)
		goto cleanup;
	flow_init(&f, pdf, DOC_MARGIN, DOC_WIDTH, DOC_TOP, DOC_BODY_BOTTOM, 11);
	flow_text(&f, PDF_BOLD, 20, 0, t->title, 6);
	flow_text(&f, PDF_BOLD, 12, 0, who, 2);
	line = xasprintf("%s: %s", t->generated_label, x->generated);
	flow_text(&f, PDF_REGULAR, 10, 0, line, 2);
	free(line);
	line = xasprintf("%s: %s", t->controller, x->organisation ? x->organisation : "–");
	flow_text(&f, PDF_REGULAR, 10, 0, line, 2);
	free(line);
	line = xasprintf("%s: %s", t->dpo, x->dpo_email ? x->dpo_email : "–");
	flow_text(&f, PDF_REGULAR, 10, 0, line, 8);
	free(line);
	line = NULL;
	flow_text(&f, PDF_REGULAR, 11, 0, t->intro, 6);
	flow_text(&f, PDF_REGULAR, 11, 0, t->rights, 10);
	for (size_t i = 0; i < x->n_sections; i++) {
		const struct gdpr_section *s = &x->sections[i];

		flow_need(&f, 80);
		flow_text(&f, PDF_BOLD, 14, 0, s->info->title, 3);
		flow_text(&f, PDF_REGULAR, 9, 0, s->info->data, 1);
		pdf_field(&f, t->purpose, s->info->purpose);
		pdf_field(&f, t->legal_basis, s->info->legal_basis);
		pdf_field(&f, t->retention, s->info->retention);
		flow_gap(&f, 4);
		if (s->n_rows == 0)
			flow_text(&f, PDF_REGULAR, 10, 0, t->none, 4);
		for (size_t r = 0; r < s->n_rows; r++) {
			for (size_t c = 0; c < s->n_columns; c++) {
				const char *v = s->cells[r * s->n_columns + c];
				char *l = xasprintf("%s: %s", s->columns[c], v ? v : "–");

				flow_text(&f, c == 0 ? PDF_BOLD : PDF_REGULAR, 10, 0, l, 0.5);
				free(l);
			}
			flow_gap(&f, 4);
		}
		flow_gap(&f, 8);
	}
	for (size_t p = 0; p < pdf_page_count(pdf); p++) {
		char right[40];

		pdf_page_select(pdf, p);
		snprintf(right, sizeof(right), "%zu / %zu", p + 1, pdf_page_count(pdf));
		doc_foot(pdf, t->title, right);
	}
	if (pdf_write(pdf, path, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(who);
	pdf_free(&pdf);
	return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

static int gdpr_export_main(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = command("export");
	struct outfile_policy policy = OUTFILE_POLICY_DEFAULT;
	struct gdpr_extract x;
	struct store *store = NULL;
	struct person p;
	const char *employee = NULL, *out = NULL, *lang = "sv";
	char *cause = NULL;
	bool pdf;
	int rc = EXIT_REFUSED;

	memset(&x, 0, sizeof(x));
	memset(&p, 0, sizeof(p));
	for (int i = 1; i < argc; i++) {
		int l = take_lang(argc, argv, &i, &lang);

		if (l < 0)
			return cli_usage_error(PREFIX, cmd, "--lang is sv or en");
		if (l > 0)
			continue;
		if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] == '-')
			return cli_usage_error(PREFIX, cmd, "unknown option '%s'", argv[i]);
		else if (employee == NULL)
			employee = argv[i];
		else
			return cli_usage_error(PREFIX, cmd, "unexpected argument '%s'", argv[i]);
	}
	if (employee == NULL || out == NULL)
		return cli_usage_error(PREFIX, cmd, "needs EMPLOYEE and -o FILE");
	if (!ends_with(out, ".pdf") && !ends_with(out, ".csv"))
		return cli_usage_error(PREFIX, cmd, "the output file ends in .pdf or .csv");
	pdf = ends_with(out, ".pdf");
	if (outfile_check(out, &cause) < 0)
		return cli_fail(cause);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (find_person(store, employee, &p) <= 0)
		goto cleanup;
	if (gdpr_extract(store, p.id, lang, &x, &cause) < 0 ||
	    outfile_policy_load(store, &policy, &cause) < 0 ||
	    (pdf ? export_pdf(&x, out, &cause) : export_csv(&x, &policy, out, &cause)) < 0 ||
	    audit_recordf(store, 0, AUDIT_GDPR_EXPORT, p.id, &cause, "format=%s",
			  pdf ? "pdf" : "csv") < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("%s\n", out);
	rc = EXIT_OK;
cleanup:
	gdpr_extract_release(&x);
	person_release(&p);
	store_close(&store);
	return rc;
}

/* ---- erase ------------------------------------------------------------ */

static int gdpr_erase_main(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = command("erase");
	struct gdpr_erase_counts counts;
	struct store *store = NULL;
	struct person p;
	const char *employee = NULL, *reason = NULL;
	char *cause = NULL;
	long long id;
	int rc = EXIT_REFUSED;

	memset(&p, 0, sizeof(p));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc)
			reason = argv[++i];
		else if (strncmp(argv[i], "--reason=", 9) == 0)
			reason = argv[i] + 9;
		else if (argv[i][0] == '-')
			return cli_usage_error(PREFIX, cmd, "unknown option '%s'", argv[i]);
		else if (employee == NULL)
			employee = argv[i];
		else
			return cli_usage_error(PREFIX, cmd, "unexpected argument '%s'", argv[i]);
	}
	if (employee == NULL || reason == NULL || *reason == '\0')
		return cli_usage_error(PREFIX, cmd, "needs EMPLOYEE and --reason TEXT");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (find_person(store, employee, &p) <= 0)
		goto cleanup;
	id = p.id;
	if (gdpr_erase(store, id, reason, 0, &counts, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("erased person #%lld\n", id);
	printf("attempts kept as anonymous unit statistics\t%lld\n", counts.attempts_anonymised);
	printf("unfinished attempts removed\t%lld\n", counts.attempts_removed);
	printf("free-text answers emptied\t%lld\n", counts.answers_cleared);
	printf("completions removed\t%lld\n", counts.completions_removed);
	printf("certificates removed\t%lld\n", counts.certificates_removed);
	if (!counts.wal_truncated) {
		fprintf(stderr, "vaksam: the person is erased, but kiosks kept the database busy, so "
				"old copies of the data remain in %s-wal; run 'sqlite3 %s \"PRAGMA "
				"wal_checkpoint(TRUNCATE)\"' when the kiosks are idle\n",
			store_path(store), store_path(store));
		goto cleanup;
	}
	rc = EXIT_OK;
cleanup:
	person_release(&p);
	store_close(&store);
	return rc;
}

/* ---- purge ------------------------------------------------------------ */

static int gdpr_purge_main(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = command("purge");
	struct gdpr_purge_counts c;
	struct store *store = NULL;
	const char *period = NULL;
	char *cause = NULL, *cutoff = NULL, *setting = NULL;
	bool dry_run = false, keep = true;
	int keep_flag = -1, rc = EXIT_REFUSED;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--older-than") == 0 && i + 1 < argc)
			period = argv[++i];
		else if (strncmp(argv[i], "--older-than=", 13) == 0)
			period = argv[i] + 13;
		else if (strcmp(argv[i], "--dry-run") == 0)
			dry_run = true;
		else if (strcmp(argv[i], "--keep-completions") == 0)
			keep_flag = 1;
		else if (strcmp(argv[i], "--drop-completions") == 0)
			keep_flag = 0;
		else
			return cli_usage_error(PREFIX, cmd, "unexpected argument '%s'", argv[i]);
	}
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (period == NULL) {
		/* The retention period of the settings, in months. */
		char *months = setting_get(store, "retention_months", &cause);

		if (months == NULL) {
			rc = cli_fail(cause ? cause : xstrdup("no retention period set"));
			goto cleanup;
		}
		setting = xasprintf("%sm", months);
		free(months);
		period = setting;
	}
	cutoff = gdpr_cutoff(period, &cause);
	if (cutoff == NULL) {
		rc = cli_usage_error(PREFIX, cmd, "%s", cause);
		free(cause);
		goto cleanup;
	}
	keep = keep_flag >= 0 ? keep_flag == 1 : gdpr_keep_completions(store);
	if (gdpr_purge(store, cutoff, keep, dry_run, 0, &c, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("%s data older than %s\n", dry_run ? "dry run: would remove" : "removed", cutoff);
	printf("responses\t%lld\n", c.responses);
	printf("audit entries\t%lld\n", c.audit_entries);
	printf("lesson positions\t%lld\n", c.lesson_positions);
	printf("login counters\t%lld\n", c.login_counters);
	printf("completions removed\t%lld\n", c.completions_removed);
	printf("completions kept as proof of training\t%lld\n", c.completions_kept);
	rc = EXIT_OK;
cleanup:
	free(setting);
	free(cutoff);
	store_close(&store);
	return rc;
}

/* ---- inventory and check ----------------------------------------------- */

static int gdpr_inventory_main(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = command("inventory");
	const char *lang = "sv";
	const struct gdpr_table_info *reg;
	const struct gdpr_texts *t;
	struct store *store = NULL;
	char *org = NULL, *dpo = NULL, *cause = NULL;
	bool en;
	size_t n;

	for (int i = 1; i < argc; i++) {
		int l = take_lang(argc, argv, &i, &lang);

		if (l <= 0)
			return cli_usage_error(PREFIX, cmd, "unexpected argument '%s'", argv[i]);
	}
	en = strcmp(lang, "en") == 0;
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	org = setting_get(store, "organisation", &cause);
	free(cause);
	cause = NULL;
	dpo = setting_get(store, "dpo_email", &cause);
	free(cause);
	t = gdpr_texts(lang);
	reg = gdpr_registry(lang, &n);
	printf("# %s: vaksam\n\n", en ? "Record of processing" : "Registerförteckning");
	printf("%s: ", t->controller);
	sanitize_fputs(org ? org : "–", 0, stdout);
	printf("\n%s: ", t->dpo);
	sanitize_fputs(dpo ? dpo : "–", 0, stdout);
	printf("\n\n%s\n\n",
	       en ? "Processing: information security training of the municipality's staff, "
		    "measurement of knowledge levels, and proof of completed training. Data "
		    "subjects: employees (and contractors on the roster). Recipients: none outside "
		    "the municipality; coordinators see completion status for their own units "
		    "only. No transfer to third countries. Security: PINs and codes only as keyed "
		    "hashes, one-time code secrets encrypted, two factors for coordinators and "
		    "admins, login locks, hash-chained audit log, files readable by the owner "
		    "only."
		  : "Behandling: utbildning av kommunens personal i informationssäkerhet, mätning "
		    "av kunskapsnivåer och bevis på genomförd utbildning. Registrerade: anställda "
		    "(och uppdragstagare i personallistan). Mottagare: inga utanför kommunen; "
		    "samordnare ser bara genomförandestatus för sina egna enheter. Ingen "
		    "överföring till tredje land. Säkerhet: PIN-koder och koder endast som nycklade "
		    "hashvärden, engångskodshemligheter krypterade, två faktorer för samordnare och "
		    "administratörer, spärr efter felaktiga försök, hashkedjad säkerhetslogg, filer "
		    "läsbara endast för ägaren.");
	for (size_t i = 0; i < n; i++) {
		if (!reg[i].personal)
			continue;
		printf("## %s (%s)\n\n", reg[i].title, reg[i].table);
		printf("- %s: %s\n", en ? "Data" : "Uppgifter", reg[i].data);
		printf("- %s: %s\n", t->purpose, reg[i].purpose);
		printf("- %s: %s\n", t->legal_basis, reg[i].legal_basis);
		printf("- %s: %s\n\n", t->retention, reg[i].retention);
	}
	printf("## %s\n\n", en ? "Tables without personal data" : "Tabeller utan personuppgifter");
	for (size_t i = 0; i < n; i++)
		if (!reg[i].personal)
			printf("- %s: %s\n", reg[i].table, reg[i].data);
	free(org);
	free(dpo);
	store_close(&store);
	return EXIT_OK;
}

static int gdpr_check_main(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	char *problems = NULL, *cause = NULL;
	int rc;

	if (argc > 1)
		return cli_usage_error(PREFIX, command("check"), "unexpected argument '%s'", argv[1]);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (gdpr_schema_check(store, &problems, &cause) < 0) {
		rc = cli_fail(cause);
	} else if (problems) {
		fputs(problems, stderr);
		rc = EXIT_REFUSED;
	} else {
		printf("every table is classified; every personal table is in the register "
		       "extract\n");
		rc = EXIT_OK;
	}
	free(problems);
	store_close(&store);
	return rc;
}

int cmd_gdpr(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, PREFIX, gdpr_commands, argc - 1, argv + 1);
}
