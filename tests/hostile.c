/*
 * The hostile milestone shared by the exporters' tests.
 */
#include <string.h>

#include "timeline/timeline.h"
#include "hostile.h"

const char hostile_title[] =
    "Title\r\nBEGIN:VEVENT\r\nUID:injected\x01\x7f"
    "\xc2\x85\xe2\x80\xa8\xff\xfe";

/* Appends text and its NUL at *p. */
static void
put(char **p, const char *text)
{
	size_t len = strlen(text) + 1;

	memcpy(*p, text, len);
	*p += len;
}

void
hostile_init(struct hostile *h, const char *zone)
{
	struct tl_milestone *m;
	char *p;

	memset(h, 0, sizeof(*h));
	h->timeline.pub.name = "evil\r\nBEGIN:VTODO";
	h->timeline.pub.title = "Title\r\nX-INJECTED:1";
	h->timeline.pub.description = "Line\rEND:VCALENDAR\r\n";
	h->timeline.pub.file = "evil.yaml";
	m = h->m = (struct tl_milestone *)(void *)h->storage;
	m->timeline = &h->timeline.pub;
	p = m->text;
	put(&p, "id\nBEGIN:VEVENT");
	put(&p, hostile_title);
	put(&p, "2026-05\r\nDTSTART:19000101");
	m->fields = TL_MS_DESCRIPTION | TL_MS_LOCATION;
	if (zone != NULL) {
		put(&p, zone);
		m->fields |= TL_MS_TIMEZONE;
	}
	put(&p, "a,b;c\r\nCATEGORIES:x");
	put(&p, "\\");
	m->ntags = 2;
	put(&p, "https://example.org/\r\nURL:https://evil.example/");
	put(&p, "https://example.org/\nLink");
	m->nlinks = 2;
	put(&p, "2026-Q1\r\nSEQUENCE:99");
	put(&p, "");
	m->nhistory = 1;
	put(&p, "Here\r\nLOCATION:There");
	put(&p, "Text\r\n\r\nEND:VEVENT\r\nBEGIN:VEVENT\r" "UID:x\t;,\\");
	m->noted = TL_DAY_NONE;
	m->time = -1;
	m->window.start = tl_day_from_ymd(2026, 5, 1);
	m->window.end = tl_day_from_ymd(2026, 5, 31);
	m->window.precision = TL_PREC_MONTH;
	m->window.start_precision = TL_PREC_MONTH;
	m->window.end_precision = TL_PREC_MONTH;
	m->resolved = 1;
}
