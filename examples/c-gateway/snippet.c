/*
 * The snippet of ffi-c/README.md, as a program: verify a document against one trusted
 * certificate at the current time.
 *
 *   snippet TRUST.pem FILE.xml
 *
 * scripts/test-c.sh compiles and runs it, and checks that every line of the README's
 * snippet appears here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "trustmeta.h"

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n = -1;
    if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0
        && (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, f);
    }
    if (f != NULL) {
        fclose(f);
    }
    return buf;
}

int main(int argc, char **argv) {
    size_t pem_len = 0, xml_len = 0;
    unsigned char *pem = argc == 3 ? slurp(argv[1], &pem_len) : NULL;
    unsigned char *xml = argc == 3 ? slurp(argv[2], &xml_len) : NULL;
    if (pem == NULL || xml == NULL) {
        fprintf(stderr, "usage: snippet TRUST.pem FILE.xml\n");
        free(pem);
        free(xml);
        return 2;
    }
    tm_document *result = NULL;
    tm_error *err = NULL;

    tm_trust_store *store = tm_trust_store_new();
    tm_trust_store_add_pem(store, pem, pem_len, NULL);
    tm_status status = tm_verify(xml, xml_len, store, NULL, &result, &err);

    if (status == TM_OK) {
        printf("signed by %s\n", tm_document_signer_subject(result));
    } else {
        printf("rejected: %s: %s\n", tm_error_code(err), tm_error_message(err));
    }
    tm_document_free(result);
    tm_error_free(err);
    tm_trust_store_free(store);
    free(pem);
    free(xml);
    return status == TM_OK ? 0 : 1;
}
