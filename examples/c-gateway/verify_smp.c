/*
 * verify_smp - what an eDelivery gateway runs on an SMP response before it sends a
 * message to the endpoint the record names.
 *
 *   verify_smp TRUST.pem FILE.xml [--at RFC3339]
 *              [--participant ID --document ID [--process ID] [--transport-profile P]]
 *
 * TRUST.pem holds the certificates (or keys) of the SMPs, or of the CA that certifies
 * them, that the gateway trusts. Without --at, the system clock gives the time.
 *
 * Without --participant/--document it checks only the signature (tm_verify()): one line
 * names the signer (subject and SHA-256 fingerprint) and what was signed.
 *
 * With them it verifies the record as an answer to that question (tm_verify_smp()): a
 * record for another participant or document is rejected as a replay, endpoints outside
 * their dates are left out. The first line names the signer; then one line per active
 * endpoint ("endpoint: PROFILE URI certificate-sha256 SHA256"), per endpoint left out
 * ("filtered: PROFILE URI: REASON") and for a redirect ("redirect: HREF signer UID").
 *
 * Exit status: 0 verified, 1 rejected, 2 usage or I/O error; on failure one line says why.
 *
 * Build: make (links the static libtrustmeta.a, building it with cargo if needed).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustmeta.h"

enum { VERIFIED = 0, REJECTED = 1, USAGE = 2 };

static const char usage[] = "usage: verify_smp TRUST.pem FILE.xml [--at RFC3339] [--participant ID --document ID"
                            " [--process ID] [--transport-profile P]]\n";

/* Reads a whole file into memory; NULL with errno set on failure. */
static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || ferror(f)) {
            break;
        }
        unsigned char *bigger = realloc(buf, cap *= 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
        }
        buf = bigger;
    }
    int failed = buf == NULL || ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        free(buf);
        errno = saved ? saved : EIO;
        return NULL;
    }
    *len = n;
    return buf;
}

/* The elements an SMP signs: the whole response, by URI "" (SMP 1.0 and 2.0). */
static int is_smp_root(const char *element) {
    return strcmp(element, "SignedServiceMetadata") == 0 || strcmp(element, "ServiceMetadata") == 0
        || strcmp(element, "ServiceGroup") == 0;
}

/* Verifies `xml` as the answer to the question and prints what the gateway may use. */
static int verify_answer(const unsigned char *xml, size_t xml_len, const tm_trust_store *store, int64_t now,
                         const char *participant, const char *document, const char *process, const char *profile) {
    tm_service_metadata *rec = NULL;
    tm_error *err = NULL;
    /* The question travels in the options, with the time; PEPPOL records signed with
     * SHA-1 also need tm_verify_smp_options_set_allow_sha1(). */
    tm_verify_smp_options *opts = tm_verify_smp_options_new();
    tm_status st = tm_verify_smp_options_set_now(opts, now, &err);
    if (st == TM_OK) {
        st = tm_verify_smp_options_set_participant(opts, participant, &err);
    }
    if (st == TM_OK && document != NULL) {
        st = tm_verify_smp_options_set_document(opts, document, &err);
    }
    if (st == TM_OK && process != NULL) {
        st = tm_verify_smp_options_set_process(opts, process, &err);
    }
    if (st == TM_OK && profile != NULL) {
        st = tm_verify_smp_options_set_transport_profile(opts, profile, &err);
    }
    if (st == TM_OK) {
        st = tm_verify_smp(xml, xml_len, store, opts, &rec, &err);
    }
    tm_verify_smp_options_free(opts);
    if (st != TM_OK) {
        printf("rejected: %s: %s\n", tm_error_code(err), tm_error_message(err));
        tm_error_free(err);
        return REJECTED;
    }
    const char *subject = tm_service_metadata_signer_subject(rec);
    const char *sha256 = tm_service_metadata_signer_sha256(rec);
    printf("verified: %s record for %s signed by %s (sha256 %s, %s%s)\n", tm_service_metadata_version(rec), participant,
           subject != NULL ? subject : "a pinned key", sha256 != NULL ? sha256 : "-", tm_service_metadata_signer_key(rec),
           tm_service_metadata_pinned(rec) ? ", pinned" : "");
    for (size_t i = 0; i < tm_service_metadata_endpoints_count(rec); i++) {
        const tm_endpoint *ep = tm_service_metadata_endpoints(rec, i);
        const char *cert = tm_endpoint_certificate_sha256(ep);
        printf("endpoint: %s %s certificate-sha256 %s\n", tm_endpoint_transport_profile(ep), tm_endpoint_uri(ep),
               cert != NULL ? cert : "-");
    }
    for (size_t i = 0; i < tm_service_metadata_filtered_endpoints_count(rec); i++) {
        const tm_filtered_endpoint *f = tm_service_metadata_filtered_endpoints(rec, i);
        printf("filtered: %s %s: %s\n", tm_endpoint_transport_profile(tm_filtered_endpoint_endpoint(f)),
               tm_endpoint_uri(tm_filtered_endpoint_endpoint(f)), tm_filtered_endpoint_message(f));
    }
    const tm_redirect *redirect = tm_service_metadata_redirect(rec);
    if (redirect != NULL) {
        const char *uid = tm_redirect_certificate_uid(redirect);
        printf("redirect: %s signer %s\n", tm_redirect_href(redirect), uid != NULL ? uid : "(see certificates)");
    }
    tm_service_metadata_free(rec);
    return VERIFIED;
}

int main(int argc, char **argv) {
    const char *trust_path = NULL, *xml_path = NULL, *at = NULL;
    const char *participant = NULL, *document = NULL, *process = NULL, *profile = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
            at = argv[++i];
        } else if (strcmp(argv[i], "--participant") == 0 && i + 1 < argc) {
            participant = argv[++i];
        } else if (strcmp(argv[i], "--document") == 0 && i + 1 < argc) {
            document = argv[++i];
        } else if (strcmp(argv[i], "--process") == 0 && i + 1 < argc) {
            process = argv[++i];
        } else if (strcmp(argv[i], "--transport-profile") == 0 && i + 1 < argc) {
            profile = argv[++i];
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return VERIFIED;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "verify_smp: unknown or incomplete option %s\n%s", argv[i], usage);
            return USAGE;
        } else if (trust_path == NULL) {
            trust_path = argv[i];
        } else if (xml_path == NULL) {
            xml_path = argv[i];
        } else {
            fprintf(stderr, "verify_smp: too many arguments\n%s", usage);
            return USAGE;
        }
    }
    if (trust_path == NULL || xml_path == NULL) {
        fputs(usage, stderr);
        return USAGE;
    }
    if ((participant == NULL) != (document == NULL) || (participant == NULL && (process != NULL || profile != NULL))) {
        fprintf(stderr, "verify_smp: --participant and --document go together (--process and --transport-profile need them); %s", usage);
        return USAGE;
    }

    int64_t now = TM_NOW;
    tm_error *err = NULL;
    if (at != NULL && tm_parse_rfc3339(at, &now, &err) != TM_OK) {
        fprintf(stderr, "verify_smp: --at %s: %s\n", at, tm_error_message(err));
        tm_error_free(err);
        return USAGE;
    }

    size_t pem_len = 0, xml_len = 0;
    unsigned char *pem = slurp(trust_path, &pem_len);
    if (pem == NULL) {
        fprintf(stderr, "verify_smp: cannot read %s: %s\n", trust_path, strerror(errno));
        return USAGE;
    }
    tm_trust_store *store = tm_trust_store_new();
    tm_status st = tm_trust_store_add_pem(store, pem, pem_len, &err);
    free(pem);
    if (st != TM_OK) {
        fprintf(stderr, "verify_smp: %s: %s: %s\n", trust_path, tm_error_code(err), tm_error_message(err));
        tm_error_free(err);
        tm_trust_store_free(store);
        return USAGE;
    }

    unsigned char *xml = slurp(xml_path, &xml_len);
    if (xml == NULL) {
        fprintf(stderr, "verify_smp: cannot read %s: %s\n", xml_path, strerror(errno));
        tm_trust_store_free(store);
        return USAGE;
    }

    if (participant != NULL) {
        int code = verify_answer(xml, xml_len, store, now, participant, document, process, profile);
        free(xml);
        tm_trust_store_free(store);
        return code;
    }

    tm_document *res = NULL;
    tm_verify_options *opts = tm_verify_options_new();
    st = tm_verify_options_set_now(opts, now, &err);
    if (st == TM_OK) {
        st = tm_verify(xml, xml_len, store, opts, &res, &err);
    }
    tm_verify_options_free(opts);
    free(xml);
    tm_trust_store_free(store); /* the result does not borrow from the store */

    int exit_code;
    const tm_reference *signed_ref = tm_document_references(res, 0);
    if (st != TM_OK) {
        printf("rejected: %s: %s\n", tm_error_code(err), tm_error_message(err));
        tm_error_free(err);
        exit_code = REJECTED;
    } else if (tm_document_references_count(res) != 1 || strcmp(tm_reference_uri(signed_ref), "") != 0
               || !is_smp_root(tm_reference_element(signed_ref))) {
        /* A valid signature over something else is not a signed SMP record. */
        printf("rejected: the signature covers <%s> (URI \"%s\"), not a whole SMP response\n",
               tm_reference_element(signed_ref), tm_reference_uri(signed_ref));
        exit_code = REJECTED;
    } else {
        const char *subject = tm_document_signer_subject(res);
        const char *sha256 = tm_document_signer_sha256(res);
        printf("verified: <%s> signed by %s (sha256 %s, %s%s)\n",
               tm_reference_element(signed_ref),
               subject != NULL ? subject : "a pinned key",
               sha256 != NULL ? sha256 : "-",
               tm_document_signer_key(res),
               tm_document_pinned(res) ? ", pinned" : "");
        exit_code = VERIFIED;
    }
    tm_document_free(res);
    return exit_code;
}
