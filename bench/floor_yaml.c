/*
 * floor_yaml: the floor of reading.  Runs libyaml's event parser over
 * the files, as the loader reads them (yaml_parser_set_input_file), and
 * does nothing with the events but count and delete them.
 *
 *   floor_yaml PATH...
 *
 * A PATH is a file or a directory; a directory means every *.yaml and
 * *.yml directly in it, in byte order of their names, names starting
 * with '.' skipped.  Prints the number of files and events.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

struct totals {
	unsigned long long files;
	unsigned long long events;
};

static int
parse_file(const char *path, struct totals *t)
{
	yaml_parser_t parser;
	yaml_event_t event;
	FILE *fp;
	int done = 0, status = 0;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "floor_yaml: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!yaml_parser_initialize(&parser)) {
		fputs("floor_yaml: out of memory\n", stderr);
		fclose(fp);
		return -1;
	}
	yaml_parser_set_input_file(&parser, fp);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "floor_yaml: %s:%zu:%zu: %s\n", path,
			    parser.problem_mark.line + 1,
			    parser.problem_mark.column + 1,
			    parser.problem ? parser.problem : "parse error");
			status = -1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		t->events++;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	fclose(fp);
	t->files++;
	return status;
}

static int
is_yaml_name(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.')
		return 0;
	return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
	    (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
parse_dir(const char *path, struct totals *t)
{
	DIR *dir;
	struct dirent *e;
	char **names = NULL, **grown, *full;
	size_t n = 0, cap = 0, i, len;
	int status = 0;

	if ((dir = opendir(path)) == NULL) {
		fprintf(stderr, "floor_yaml: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(dir)) != NULL) {
		if (!is_yaml_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(names, cap * sizeof(*names))) ==
			    NULL)
				goto oom;
			names = grown;
		}
		len = strlen(path) + 1 + strlen(e->d_name) + 1;
		if ((full = malloc(len)) == NULL)
			goto oom;
		snprintf(full, len, "%s/%s", path, e->d_name);
		names[n++] = full;
	}
	closedir(dir);
	dir = NULL;
	qsort(names, n, sizeof(*names), compare_names);
	for (i = 0; i < n; i++)
		if (parse_file(names[i], t) < 0)
			status = -1;
	goto out;
oom:
	fputs("floor_yaml: out of memory\n", stderr);
	status = -1;
out:
	if (dir != NULL)
		closedir(dir);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return status;
}

int
main(int argc, char **argv)
{
	struct totals t = { 0, 0 };
	struct stat st;
	int i, status = 0;

	if (argc < 2) {
		fputs("usage: floor_yaml PATH...\n", stderr);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "floor_yaml: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (parse_dir(argv[i], &t) < 0)
				status = 1;
		} else if (parse_file(argv[i], &t) < 0) {
			status = 1;
		}
	}
	printf("%llu files, %llu events\n", t.files, t.events);
	return status;
}
