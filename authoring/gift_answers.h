/*
 * Internal to the GIFT reader: the answer block of each question type, read
 * as Moodle's qformat_gift::readquestion() reads it. Each function gets the
 * trimmed block text without its braces and without general feedback, fills
 * in q's type and answers, and reports problems through src. open_pos is the
 * source offset of the '{', where question-wide problems are reported.
 * Returns 0, or -1 when it reported an error.
 */
#ifndef VAKSAM_GIFT_ANSWERS_H
#define VAKSAM_GIFT_ANSWERS_H

#include "authoring/gift_text.h"
#include "core/question.h"

int gift_answers_multichoice(struct gift_source *src, struct gift_span block, size_t open_pos,
			     struct question *q);
int gift_answers_matching(struct gift_source *src, struct gift_span block, size_t open_pos,
			  struct question *q);
int gift_answers_truefalse(struct gift_source *src, struct gift_span block, size_t open_pos,
			   struct question *q);
int gift_answers_shortanswer(struct gift_source *src, struct gift_span block, size_t open_pos,
			     struct question *q);
int gift_answers_numerical(struct gift_source *src, struct gift_span block, size_t open_pos,
			   struct question *q);

#endif
