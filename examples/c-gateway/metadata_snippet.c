/*
 * The metadata snippet of ffi-c/README.md, as a program: verify a SAML metadata
 * aggregate, then look one entity up in the result.
 *
 *   metadata_snippet TRUST.pem METADATA.xml ENTITY_ID RFC3339-TIME
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
    unsigned char *pem = argc == 5 ? slurp(argv[1], &pem_len) : NULL;
    unsigned char *xml = argc == 5 ? slurp(argv[2], &xml_len) : NULL;
    int64_t now = 0;
    if (pem == NULL || xml == NULL || tm_parse_rfc3339(argv[4], &now, NULL) != TM_OK) {
        fprintf(stderr, "usage: metadata_snippet TRUST.pem METADATA.xml ENTITY_ID RFC3339-TIME\n");
        free(pem);
        free(xml);
        return 2;
    }
    const char *entity_id = argv[3];
    tm_trust_store *store = tm_trust_store_new();
    tm_trust_store_add_pem(store, pem, pem_len, NULL);
    tm_metadata *md = NULL;
    tm_metadata_entity *entity = NULL;
    tm_error *err = NULL;
    tm_verify_metadata_options *opts = tm_verify_metadata_options_new();
    tm_verify_metadata_options_set_now(opts, now, NULL);

    tm_verify_metadata_options_set_profile(opts, "etoegang", NULL);
    tm_status status = tm_verify_metadata(xml, xml_len, store, opts, &md, &err);
    if (status == TM_OK) {
        printf("%s: %lld entities, refresh before %lld\n", tm_metadata_name(md),
               (long long)tm_metadata_entities(md), (long long)tm_metadata_expires(md));
        /* Look up in what verified: md holds the bytes and their entity list. */
        status = tm_metadata_find_entity(md, entity_id, &entity, &err);
    }
    if (status == TM_OK && entity != NULL) {
        printf("%s: %s in %s, eToegang role %s, acts as AD: %s\n", tm_metadata_entity_entity_id(entity),
               tm_metadata_entity_roles(entity, 0), tm_metadata_entity_group(entity),
               tm_metadata_entity_etoegang_role(entity), tm_metadata_entity_acts_as(entity, "AD") ? "yes" : "no");
    } else if (status == TM_OK) {
        printf("%s: not in the metadata\n", entity_id);
    } else {
        printf("rejected: %s: %s\n", tm_error_code(err), tm_error_message(err));
    }
    tm_metadata_entity_free(entity);
    tm_metadata_free(md);
    tm_verify_metadata_options_free(opts);
    tm_error_free(err);
    tm_trust_store_free(store);
    free(pem);
    free(xml);
    return status == TM_OK ? 0 : 1;
}
