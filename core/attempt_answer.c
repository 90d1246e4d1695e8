/*
 * An answer as JSON, the way a response row stores it: written from the
 * kiosk's or a paper sheet's question_response, read back for scoring, the
 * result review and resume. See attempt.h.
 */
#include "attempt.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

char *attempt_answer_to_json(const struct question *q, const struct question_response *r)
{
	cJSON *root = cJSON_CreateObject();
	char *copy;

	switch (q->type) {
	case QUESTION_SINGLE:
	case QUESTION_MULTI:
	case QUESTION_TRUEFALSE: {
		cJSON *a = cJSON_AddArrayToObject(root, "chosen");

		for (size_t i = 0; i < r->n_chosen; i++)
			cJSON_AddItemToArray(a, cJSON_CreateNumber((double)r->chosen[i]));
		break;
	}
	case QUESTION_MATCHING: {
		cJSON *a = cJSON_AddArrayToObject(root, "match");

		for (size_t i = 0; i < r->n_match; i++)
			cJSON_AddItemToArray(a, cJSON_CreateNumber(r->match[i]));
		break;
	}
	case QUESTION_SHORTANSWER:
	case QUESTION_NUMERICAL:
	case QUESTION_ESSAY:
		cJSON_AddStringToObject(root, "text", r->text ? r->text : "");
		break;
	case QUESTION_DESCRIPTION:
		break;
	}
	copy = xjson_print(root);
	cJSON_Delete(root);
	return copy;
}

void attempt_answer_release(struct attempt_answer *a)
{
	free(a->chosen);
	free(a->text);
	free(a->match);
	memset(a, 0, sizeof(*a));
}

int attempt_answer_parse(const char *json, struct attempt_answer *out)
{
	cJSON *root = json ? cJSON_Parse(json) : NULL;
	cJSON *chosen, *text, *match, *it;

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return -1;
	}
	chosen = cJSON_GetObjectItemCaseSensitive(root, "chosen");
	text = cJSON_GetObjectItemCaseSensitive(root, "text");
	match = cJSON_GetObjectItemCaseSensitive(root, "match");
	if (cJSON_IsArray(chosen) && cJSON_GetArraySize(chosen) > 0) {
		out->chosen =
		    xreallocarray(NULL, (size_t)cJSON_GetArraySize(chosen), sizeof(size_t));
		cJSON_ArrayForEach(it, chosen)
		{
			if (cJSON_IsNumber(it) && it->valuedouble >= 0)
				out->chosen[out->n_chosen++] = (size_t)it->valuedouble;
		}
	}
	if (cJSON_IsString(text))
		out->text = xstrdup(text->valuestring);
	if (cJSON_IsArray(match) && cJSON_GetArraySize(match) > 0) {
		out->match = xreallocarray(NULL, (size_t)cJSON_GetArraySize(match), sizeof(int));
		cJSON_ArrayForEach(it, match) out->match[out->n_match++] =
		    cJSON_IsNumber(it) ? it->valueint : -1;
	}
	cJSON_Delete(root);
	return 0;
}

void attempt_answer_view(const struct attempt_answer *a, struct question_response *r)
{
	r->chosen = a->chosen;
	r->n_chosen = a->n_chosen;
	r->text = a->text;
	r->match = a->match;
	r->n_match = a->n_match;
}
