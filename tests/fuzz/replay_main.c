/*
 * Replays saved fuzz inputs through a libFuzzer target without libFuzzer, so
 * `make test` (gcc, ASan+UBSan) runs the corpus and every crash found as
 * regression tests in seconds. Usage: replay FILE_OR_DIR... Prints one line
 * per input and a cmocka-style summary that tests/run.sh reads.
 */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t n = 0, alloc = 0;
	int c;

	if (fp == NULL) {
		perror(path);
		return -1;
	}
	while ((c = fgetc(fp)) != EOF) {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 4096;
			buf = realloc(buf, alloc);
			if (buf == NULL)
				abort();
		}
		buf[n++] = (unsigned char)c;
	}
	fclose(fp);
	/* An empty input is still a valid case: pass a non-NULL pointer. */
	LLVMFuzzerTestOneInput(buf ? buf : (const uint8_t *)"", n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int count = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *de;

		if (stat(argv[i], &st) != 0)
			continue;
		if (!S_ISDIR(st.st_mode)) {
			if (replay_file(argv[i]) == 0)
				count++;
			continue;
		}
		dir = opendir(argv[i]);
		if (dir == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			char path[4096];

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
			if (replay_file(path) == 0)
				count++;
		}
		closedir(dir);
	}
	/* Reaching here means no input crashed (ASan/UBSan abort otherwise). */
	printf("[  PASSED  ] %d test(s).\n", count > 0 ? 1 : 0);
	return count > 0 ? 0 : 1;
}
