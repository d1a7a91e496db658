/*
 * Runs every case of tests/conformance/cases.tsv, smp-cases.tsv, smp-names.tsv,
 * smp-redirects.tsv, saml-cases.tsv and saml-encrypted-cases.tsv through the C API.
 *
 *   conformance REPO_ROOT
 *
 * Paths starting with "shared/" are resolved in $TRUSTMETA_SHARED, or REPO_ROOT/../shared;
 * others relative to REPO_ROOT. Each trust file goes through tm_trust_store_add_pem(),
 * each intermediate through tm_trust_store_add_intermediates_pem(), each `crl=PATH`
 * option's file through tm_trust_store_add_crls_pem(); `at` through tm_parse_rfc3339();
 * the other options through each operation's options setters. The outcome ("ok" or the
 * dotted error code) must equal the case's `expect`.
 *
 * SMP cases go through tm_verify_smp() with the row's question (participant, document,
 * process and transport profile, "-" for none) and must give `expect`, and for "ok" the
 * row's number of active endpoints (with `owner=PATH` options, the record's owner
 * signatures then go through tm_verify_smp_extension_signatures() against those anchors
 * and must cover ServiceMetadata); names go through tm_smp_name(); redirects (the
 * redirecting record and its target) through tm_verify_smp_redirect().
 *
 * SAML cases go through tm_verify_saml_response() or tm_verify_saml_request() (after
 * tm_decode_post_binding() for base64 rows), with each `cert:`/`pem:` trust file
 * through tm_trust_store_add_pem() and each `key:` file through
 * tm_trust_store_add_keys_pem(), for any issuer; "ok" must come with the row's NameID
 * (responses) or request ID.
 *
 * Encrypted SAML cases (the row semantics are those of
 * core/tests/saml_encrypted_conformance.rs) go through tm_verify_saml_response() with
 * each `decrypt_keys` file through tm_decryption_keys_add_pem() and
 * tm_verify_saml_response_options_set_decrypt_keys() (not set for "-"), or for
 * `decrypt_only` rows through tm_decrypt_saml_assertion(), whose NameID is read from the
 * decrypted XML; "ok" must come with the row's NameID and a non-empty `decrypted` list.
 *
 * Prints a FAIL line per mismatch, "c-smp: N passed, M failed" for the first two SMP
 * tables, "c-smp-redirects: N passed, M failed" for the redirects, "c-saml: …" and
 * "c-saml-encrypted: …" for the SAML tables, and closes with "c: N passed, M failed" over
 * all tables; exits 1 on any failure, 2 if a case file cannot be read.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustmeta.h"
#include "check.h"

enum { FIELDS = 7 };

static const char *repo;
static char shared[4096];

static void resolve(const char *rel, char *out, size_t cap) {
    if (strncmp(rel, "shared/", 7) == 0) {
        snprintf(out, cap, "%s/%s", shared, rel + 7);
    } else {
        snprintf(out, cap, "%s/%s", repo, rel);
    }
}

/* Loads each comma-separated file of `list` into `store`; "-" is none. Returns the
 * status of the first failure (with *err set), or TM_OK. */
static tm_status load(tm_trust_store *store, const char *list, int intermediates, tm_error **err, char *why, size_t why_cap) {
    if (strcmp(list, "-") == 0) {
        return TM_OK;
    }
    char *copy = strdup(list);
    tm_status st = TM_OK;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item != NULL && st == TM_OK; item = strtok_r(NULL, ",", &save)) {
        char path[8192];
        resolve(item, path, sizeof path);
        size_t len = 0;
        unsigned char *bytes = read_file(path, &len);
        if (bytes == NULL) {
            snprintf(why, why_cap, "cannot read %s", path);
            st = TM_INVALID_ARGUMENT;
            break;
        }
        st = intermediates ? tm_trust_store_add_intermediates_pem(store, bytes, len, err)
                           : tm_trust_store_add_pem(store, bytes, len, err);
        free(bytes);
    }
    free(copy);
    return st;
}

/* The loosenings every verification takes: SHA-1, stale CRLs, and the smallest RSA key
 * (0: the default). */
enum { MAX_OWNERS = 4, MAX_CRLS = 8 };

struct policy {
    int allow_sha1;
    int allow_stale_crl;
    int64_t min_rsa_bits;
    /* The CRL files of the row (`crl=PATH`), added to its trust store. */
    char crls[MAX_CRLS][1024];
    size_t crl_count;
    /* The owners' anchors of an SMP row (`owner=PATH`): its owner signatures are checked. */
    char owners[MAX_OWNERS][1024];
    size_t owner_count;
};

/* Parses a comma list of `allow_sha1`, `allow_stale_crl`, `min_rsa_bits=N`, `crl=PATH`
 * and `owner=PATH`; 0 on an unknown option. */
static int apply_options(struct policy *policy, const char *opts) {
    policy->allow_sha1 = 0;
    policy->allow_stale_crl = 0;
    policy->min_rsa_bits = 0;
    policy->crl_count = 0;
    policy->owner_count = 0;
    if (strcmp(opts, "-") == 0) {
        return 1;
    }
    char *copy = strdup(opts);
    int ok = 1;
    char *save = NULL;
    for (char *o = strtok_r(copy, ",", &save); o != NULL; o = strtok_r(NULL, ",", &save)) {
        if (strcmp(o, "allow_sha1") == 0) {
            policy->allow_sha1 = 1;
        } else if (strcmp(o, "allow_stale_crl") == 0) {
            policy->allow_stale_crl = 1;
        } else if (strncmp(o, "crl=", 4) == 0 && o[4] != '\0' && policy->crl_count < MAX_CRLS) {
            snprintf(policy->crls[policy->crl_count++], sizeof policy->crls[0], "%s", o + 4);
        } else if (strncmp(o, "min_rsa_bits=", 13) == 0) {
            policy->min_rsa_bits = strtoll(o + 13, NULL, 10);
        } else if (strncmp(o, "owner=", 6) == 0 && policy->owner_count < MAX_OWNERS) {
            snprintf(policy->owners[policy->owner_count++], sizeof policy->owners[0], "%s", o + 6);
        } else {
            ok = 0;
        }
    }
    free(copy);
    return ok;
}

/* Adds the row's CRL files to `store`; the status of the first failure (with *err
 * set), or TM_OK. */
static tm_status load_crls(tm_trust_store *store, const struct policy *policy, tm_error **err, char *why,
                           size_t why_cap) {
    tm_status st = TM_OK;
    for (size_t i = 0; st == TM_OK && i < policy->crl_count; i++) {
        char path[8192];
        resolve(policy->crls[i], path, sizeof path);
        size_t len = 0;
        unsigned char *bytes = read_file(path, &len);
        if (bytes == NULL) {
            snprintf(why, why_cap, "cannot read %s", path);
            return TM_INVALID_ARGUMENT;
        }
        st = tm_trust_store_add_crls_pem(store, bytes, len, err);
        free(bytes);
    }
    return st;
}

/* Sets `now` and the policy on options of operation OP; evaluates to the first failure. */
#define SET_COMMON(op, o, now, policy, err)                                                            \
    (tm_##op##_options_set_now((o), (now), (err)) != TM_OK                                             \
         ? TM_INVALID_ARGUMENT                                                                          \
     : tm_##op##_options_set_allow_sha1((o), (policy)->allow_sha1, (err)) != TM_OK ? TM_INVALID_ARGUMENT \
     : tm_##op##_options_set_allow_stale_crl((o), (policy)->allow_stale_crl, (err)) != TM_OK              \
         ? TM_INVALID_ARGUMENT                                                                          \
     : (policy)->min_rsa_bits != 0 ? tm_##op##_options_set_min_rsa_bits((o), (policy)->min_rsa_bits, (err)) \
                                    : TM_OK)

/* A verified result must answer its basic accessors consistently. */
static int result_is_sane(const tm_document *res) {
    size_t len = 0;
    if (tm_document_signer_key(res) == NULL || tm_document_signature_algorithm(res) == NULL
        || tm_document_canonicalization(res) == NULL || tm_document_references_count(res) == 0
        || tm_document_signed_xml_count(res) != tm_document_references_count(res)
        || tm_document_signed_xml(res, 0, &len) == NULL || len == 0) {
        return 0;
    }
    const char *signer = tm_document_signer_sha256(res);
    if (signer == NULL) {
        return tm_document_pinned(res); /* a bare key is trusted only when pinned */
    }
    return strlen(signer) == 64 && tm_document_chain_count(res) >= 1
        && strcmp(tm_certificate_sha256(tm_document_chain(res, 0)), signer) == 0;
}

static void run_case(char **f) {
    const char *id = f[0], *file = f[1], *trust = f[2], *inter = f[3], *at = f[4], *opts = f[5], *expect = f[6];
    char got[256] = "", why[9000] = "";
    tm_error *err = NULL;
    tm_trust_store *store = tm_trust_store_new();
    struct policy policy_, *policy = &policy_;
    int64_t now = 0;

    tm_status st = load(store, trust, 0, &err, why, sizeof why);
    if (st == TM_OK) {
        st = load(store, inter, 1, &err, why, sizeof why);
    }
    if (st == TM_OK) {
        st = tm_parse_rfc3339(at, &now, &err);
    }
    if (st == TM_OK && !apply_options(policy, opts)) {
        snprintf(why, sizeof why, "bad options '%s'", opts);
        st = TM_INVALID_ARGUMENT;
    }
    if (st == TM_OK) {
        st = load_crls(store, policy, &err, why, sizeof why);
    }
    if (st == TM_OK) {
        char path[8192];
        resolve(file, path, sizeof path);
        size_t len = 0;
        unsigned char *xml = read_file(path, &len);
        if (xml == NULL) {
            snprintf(why, sizeof why, "cannot read %s", path);
            st = TM_INVALID_ARGUMENT;
        } else {
            tm_document *res = NULL;
            tm_verify_options *o = tm_verify_options_new();
            st = SET_COMMON(verify, o, now, policy, &err);
            if (st == TM_OK) {
                st = tm_verify(xml, len, store, o, &res, &err);
            }
            tm_verify_options_free(o);
            if (st == TM_OK && !result_is_sane(res)) {
                snprintf(why, sizeof why, "verified, but the result's accessors are inconsistent");
                st = TM_INTERNAL_PANIC;
            }
            tm_document_free(res);
            free(xml);
        }
    }
    if (st == TM_OK) {
        snprintf(got, sizeof got, "ok");
    } else if (err != NULL) {
        snprintf(got, sizeof got, "%s", tm_error_code(err));
        snprintf(why, sizeof why, "%s", tm_error_message(err));
    } else {
        snprintf(got, sizeof got, "%s", tm_error_code_name(st));
    }

    if (strcmp(got, expect) == 0) {
        check_passed++;
    } else {
        check_failed++;
        printf("FAIL %s: expected %s, got %s (%s)\n", id, expect, got, why);
    }
    tm_error_free(err);
    tm_trust_store_free(store);
}

/* "-" is NULL. */
static const char *opt(const char *s) {
    return strcmp(s, "-") == 0 ? NULL : s;
}

static void tally(const char *id, const char *expect, const char *got, const char *why) {
    if (strcmp(got, expect) == 0) {
        check_passed++;
    } else {
        check_failed++;
        printf("FAIL %s: expected %s, got %s (%s)\n", id, expect, got, why);
    }
}

/* The owner signatures of a verified record, against the row's owners' anchors: each
 * must cover the ServiceMetadata document. */
static tm_status check_owners(const unsigned char *xml, size_t len, int64_t now, const struct policy *policy,
                              tm_error **err, char *why, size_t why_len) {
    tm_trust_store *owners = tm_trust_store_new();
    tm_status st = TM_OK;
    for (size_t i = 0; st == TM_OK && i < policy->owner_count; i++) {
        st = load(owners, policy->owners[i], 0, err, why, why_len);
    }
    tm_extension_signature_list *sigs = NULL;
    if (st == TM_OK) {
        tm_verify_smp_extension_signatures_options *o = tm_verify_smp_extension_signatures_options_new();
        st = SET_COMMON(verify_smp_extension_signatures, o, now, policy, err);
        if (st == TM_OK) {
            st = tm_verify_smp_extension_signatures(xml, len, owners, o, &sigs, err);
        }
        tm_verify_smp_extension_signatures_options_free(o);
    }
    for (size_t i = 0; st == TM_OK && i < tm_extension_signature_list_count(sigs); i++) {
        const char *covered = tm_extension_signature_covered_element(tm_extension_signature_list_get(sigs, i));
        if (covered == NULL || strcmp(covered, "ServiceMetadata") != 0) {
            snprintf(why, why_len, "owner signature %zu covers %s", i, covered ? covered : "(null)");
            st = TM_INTERNAL_PANIC;
        }
    }
    tm_extension_signature_list_free(sigs);
    tm_trust_store_free(owners);
    return st;
}

enum { SMP_FIELDS = 12, NAME_FIELDS = 4, REDIRECT_FIELDS = 13 };

/* A row of smp-cases.tsv (`target` NULL) or, with the columns after `first` moved one to
 * the right, of smp-redirects.tsv. */
static void run_smp_row(const char *id, const char *file, const char *target, char **f) {
    const char *trust = f[2], *inter = f[3], *at = f[4], *opts = f[5];
    char want[256], got[256] = "", why[9000] = "";
    if (strcmp(f[10], "ok") == 0) {
        snprintf(want, sizeof want, "ok %s", f[11]);
    } else {
        snprintf(want, sizeof want, "%s", f[10]);
    }
    tm_error *err = NULL;
    tm_trust_store *store = tm_trust_store_new();
    struct policy policy_, *policy = &policy_;
    int64_t now = 0;
    tm_status st = load(store, trust, 0, &err, why, sizeof why);
    if (st == TM_OK) {
        st = load(store, inter, 1, &err, why, sizeof why);
    }
    if (st == TM_OK) {
        st = tm_parse_rfc3339(at, &now, &err);
    }
    if (st == TM_OK && !apply_options(policy, opts)) {
        snprintf(why, sizeof why, "bad options '%s'", opts);
        st = TM_INVALID_ARGUMENT;
    }
    if (st == TM_OK) {
        st = load_crls(store, policy, &err, why, sizeof why);
    }
    size_t endpoints = 0;
    if (st == TM_OK) {
        char path[8192];
        resolve(file, path, sizeof path);
        size_t len = 0;
        unsigned char *xml = read_file(path, &len);
        if (xml == NULL) {
            snprintf(why, sizeof why, "cannot read %s", path);
            st = TM_INVALID_ARGUMENT;
        } else {
            tm_service_metadata *res = NULL;
            if (target == NULL) {
                tm_verify_smp_options *o = tm_verify_smp_options_new();
                st = SET_COMMON(verify_smp, o, now, policy, &err);
                if (st == TM_OK) {
                    st = tm_verify_smp_options_set_participant(o, f[6], &err);
                }
                if (st == TM_OK) {
                    st = tm_verify_smp_options_set_document(o, f[7], &err);
                }
                if (st == TM_OK && opt(f[8]) != NULL) {
                    st = tm_verify_smp_options_set_process(o, f[8], &err);
                }
                if (st == TM_OK && opt(f[9]) != NULL) {
                    st = tm_verify_smp_options_set_transport_profile(o, f[9], &err);
                }
                if (st == TM_OK) {
                    st = tm_verify_smp(xml, len, store, o, &res, &err);
                }
                tm_verify_smp_options_free(o);
                if (st == TM_OK && policy->owner_count > 0) {
                    st = check_owners(xml, len, now, policy, &err, why, sizeof why);
                }
            } else {
                char target_path[8192];
                resolve(target, target_path, sizeof target_path);
                size_t target_len = 0;
                unsigned char *target_xml = read_file(target_path, &target_len);
                if (target_xml == NULL) {
                    snprintf(why, sizeof why, "cannot read %s", target_path);
                    st = TM_INVALID_ARGUMENT;
                } else {
                    tm_verify_smp_redirect_options *o = tm_verify_smp_redirect_options_new();
                    st = SET_COMMON(verify_smp_redirect, o, now, policy, &err);
                    if (st == TM_OK) {
                        st = tm_verify_smp_redirect_options_set_participant(o, f[6], &err);
                    }
                    if (st == TM_OK) {
                        st = tm_verify_smp_redirect_options_set_document(o, f[7], &err);
                    }
                    if (st == TM_OK && opt(f[8]) != NULL) {
                        st = tm_verify_smp_redirect_options_set_process(o, f[8], &err);
                    }
                    if (st == TM_OK && opt(f[9]) != NULL) {
                        st = tm_verify_smp_redirect_options_set_transport_profile(o, f[9], &err);
                    }
                    if (st == TM_OK) {
                        st = tm_verify_smp_redirect(xml, len, target_xml, target_len, store, o, &res, &err);
                    }
                    tm_verify_smp_redirect_options_free(o);
                    free(target_xml);
                }
            }
            endpoints = tm_service_metadata_endpoints_count(res);
            if (st == TM_OK && (tm_service_metadata_signer_key(res) == NULL || tm_service_metadata_verified_at(res) != now
                                || (endpoints == 0 && tm_redirect_href(tm_service_metadata_redirect(res)) == NULL
                                    && tm_service_metadata_version(res) == NULL))) {
                snprintf(why, sizeof why, "verified, but the result's accessors are inconsistent");
                st = TM_INTERNAL_PANIC;
            }
            for (size_t i = 0; st == TM_OK && i < endpoints; i++) {
                const tm_endpoint *ep = tm_service_metadata_endpoints(res, i);
                if (tm_endpoint_uri(ep) == NULL || tm_endpoint_transport_profile(ep) == NULL) {
                    snprintf(why, sizeof why, "endpoint %zu has no URI or transport profile", i);
                    st = TM_INTERNAL_PANIC;
                }
            }
            tm_service_metadata_free(res);
            free(xml);
        }
    }
    if (st == TM_OK) {
        snprintf(got, sizeof got, "ok %zu", endpoints);
    } else if (err != NULL) {
        snprintf(got, sizeof got, "%s", tm_error_code(err));
        snprintf(why, sizeof why, "%s", tm_error_message(err));
    } else {
        snprintf(got, sizeof got, "%s", tm_error_code_name(st));
    }
    tally(id, want, got, why);
    tm_error_free(err);
    tm_trust_store_free(store);
}

static void run_smp_case(char **f) {
    run_smp_row(f[0], f[1], NULL, f);
}

/* id, first, target, then the columns of smp-cases.tsv after `file`. */
static void run_redirect_case(char **f) {
    run_smp_row(f[0], f[1], f[2], f + 1);
}

static void run_name(char **f) {
    tm_smp_name_options *o = tm_smp_name_options_new();
    CHECK(tm_smp_name_options_set_cname(o, strcmp(f[2], "cname") == 0, NULL) == TM_OK);
    char *name = NULL;
    tm_error *err = NULL;
    char id[1024];
    snprintf(id, sizeof id, "name %s %s %s", f[0], f[1], f[2]);
    if (tm_smp_name(f[0], f[1], o, &name, &err) == TM_OK) {
        tally(id, f[3], name, "");
    } else {
        tally(id, f[3], tm_error_code(err), tm_error_message(err));
    }
    tm_string_free(name);
    tm_error_free(err);
    tm_smp_name_options_free(o);
}

enum { SAML_FIELDS = 11 };

/* The `options` column of saml-cases.tsv. */
struct saml_options {
    const char *profile, *signed_parts;
    int64_t skew, max_age;
    const char *destination;
};

/* Parses the SAML options into `policy` and `o` (`destination` points into `copy`, which
 * the caller frees); 0 on an unknown option. */
static int saml_options(struct policy *policy, char *copy, struct saml_options *o) {
    policy->allow_sha1 = 0;
    policy->allow_stale_crl = 0;
    policy->min_rsa_bits = 0;
    policy->crl_count = 0;
    o->profile = "generic";
    o->signed_parts = "any";
    o->skew = 180;
    o->max_age = 600;
    o->destination = NULL;
    if (strcmp(copy, "-") == 0) {
        return 1;
    }
    int ok = 1;
    char *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
        char *v = strchr(t, '=');
        if (v != NULL) {
            *v++ = '\0';
        }
        if (strcmp(t, "allow_sha1") == 0) {
            policy->allow_sha1 = 1;
        } else if (strcmp(t, "min_rsa_bits") == 0 && v != NULL) {
            policy->min_rsa_bits = strtoll(v, NULL, 10);
        } else if (strcmp(t, "profile") == 0 && v != NULL) {
            o->profile = v;
        } else if (strcmp(t, "signed") == 0 && v != NULL) {
            o->signed_parts = v;
        } else if (strcmp(t, "skew") == 0 && v != NULL) {
            o->skew = strtoll(v, NULL, 10);
        } else if (strcmp(t, "max_age") == 0 && v != NULL) {
            o->max_age = strtoll(v, NULL, 10);
        } else if (strcmp(t, "destination") == 0 && v != NULL) {
            o->destination = v;
        } else {
            ok = 0;
        }
    }
    return ok;
}

/* Loads a `trust` column (comma-separated kind:path) into a new issuer trust for any
 * issuer; NULL (with `why` or *err set) on failure. */
static tm_issuer_trust *saml_trust(const char *column, tm_error **err, char *why, size_t why_cap) {
    tm_trust_store *store = tm_trust_store_new();
    char *copy = strdup(column);
    tm_status st = TM_OK;
    char *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t != NULL && st == TM_OK; t = strtok_r(NULL, ",", &save)) {
        char *path_part = strchr(t, ':');
        if (path_part == NULL) {
            snprintf(why, why_cap, "bad trust token '%s'", t);
            st = TM_INVALID_ARGUMENT;
            break;
        }
        *path_part++ = '\0';
        char path[8192];
        resolve(path_part, path, sizeof path);
        size_t len = 0;
        unsigned char *bytes = read_file(path, &len);
        if (bytes == NULL) {
            snprintf(why, why_cap, "cannot read %s", path);
            st = TM_INVALID_ARGUMENT;
            break;
        }
        if (strcmp(t, "key") == 0) {
            st = tm_trust_store_add_keys_pem(store, bytes, len, err);
        } else if (strcmp(t, "cert") == 0 || strcmp(t, "pem") == 0) {
            st = tm_trust_store_add_pem(store, bytes, len, err);
        } else {
            snprintf(why, why_cap, "unknown trust kind '%s'", t);
            st = TM_INVALID_ARGUMENT;
        }
        free(bytes);
    }
    free(copy);
    tm_issuer_trust *trust = NULL;
    if (st == TM_OK) {
        trust = tm_issuer_trust_new();
        if (tm_issuer_trust_set_any(trust, store, err) != TM_OK) {
            tm_issuer_trust_free(trust);
            trust = NULL;
        }
    }
    tm_trust_store_free(store);
    return trust;
}

/* Reads a case's message: the file, or for `b64` the XML decoded from it (ASCII
 * whitespace removed first, as a form decoder would). NULL on failure. */
static char *saml_message(const char *file, const char *encoding, size_t *len, tm_error **err, char *why, size_t why_cap) {
    char path[8192];
    resolve(file, path, sizeof path);
    unsigned char *raw = read_file(path, len);
    if (raw == NULL) {
        snprintf(why, why_cap, "cannot read %s", path);
        return NULL;
    }
    if (strcmp(encoding, "b64") != 0) {
        char *text = realloc(raw, *len + 1);
        if (text != NULL) {
            text[*len] = '\0';
        } else {
            free(raw);
        }
        return text;
    }
    size_t n = 0;
    for (size_t i = 0; i < *len; i++) {
        if (raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r') {
            raw[n++] = raw[i];
        }
    }
    uint8_t *decoded = NULL;
    tm_status st = tm_decode_post_binding(raw, n, NULL, &decoded, len, err);
    free(raw);
    if (st != TM_OK) {
        return NULL;
    }
    /* Returned through a copy so that the caller frees every message with free(). */
    char *copy = malloc(*len + 1);
    if (copy != NULL) {
        memcpy(copy, decoded, *len + 1);
    }
    tm_bytes_free(decoded);
    return copy;
}

static void run_saml_case(char **f) {
    const char *id = f[0], *kind = f[1], *file = f[2], *encoding = f[3], *trust_column = f[4], *at = f[5];
    const char *audience = f[6], *acs = f[7], *request_id = f[8], *expect = f[10];
    char got[1024] = "", why[9000] = "";
    tm_error *err = NULL;
    struct policy policy_, *policy = &policy_;
    char *opts = strdup(f[9]);
    struct saml_options o;
    int64_t now = 0;
    tm_issuer_trust *trust = NULL;
    tm_status st = TM_OK;
    if (!saml_options(policy, opts, &o)) {
        snprintf(why, sizeof why, "bad options '%s'", f[9]);
        st = TM_INVALID_ARGUMENT;
    }
    if (st == TM_OK) {
        trust = saml_trust(trust_column, &err, why, sizeof why);
        st = trust == NULL ? TM_INVALID_ARGUMENT : TM_OK;
    }
    if (st == TM_OK) {
        st = tm_parse_rfc3339(at, &now, &err);
    }
    char *xml = NULL;
    size_t len = 0;
    if (st == TM_OK) {
        xml = saml_message(file, encoding, &len, &err, why, sizeof why);
        st = xml == NULL ? (err != NULL ? tm_error_status(err) : TM_INVALID_ARGUMENT) : TM_OK;
    }
    if (st == TM_OK && strcmp(kind, "response") == 0) {
        tm_replay_cache *cache = tm_replay_cache_new(16);
        tm_saml_response *res = NULL;
        tm_verify_saml_response_options *ro = tm_verify_saml_response_options_new();
        st = SET_COMMON(verify_saml_response, ro, now, policy, &err);
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_audience(ro, audience, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_acs(ro, acs, &err);
        }
        if (st == TM_OK && opt(request_id) != NULL) {
            st = tm_verify_saml_response_options_set_request_id(ro, request_id, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_profile(ro, o.profile, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_signed(ro, o.signed_parts, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_skew(ro, o.skew, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_cache(ro, cache, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response((const uint8_t *)xml, len, trust, ro, &res, &err);
        }
        tm_verify_saml_response_options_free(ro);
        if (st == TM_OK) {
            const char *name_id = tm_saml_response_name_id(res);
            snprintf(got, sizeof got, "ok %s", name_id != NULL ? name_id : "-");
            if (tm_saml_response_signatures_count(res) == 0 || tm_saml_response_issuer(res) == NULL
                || tm_signature_verified_at(tm_saml_response_signatures(res, 0)) != now || tm_replay_cache_len(cache) != 1) {
                snprintf(why, sizeof why, "verified, but the result's accessors are inconsistent");
                snprintf(got, sizeof got, "inconsistent");
            }
        }
        tm_saml_response_free(res);
        tm_replay_cache_free(cache);
    } else if (st == TM_OK && strcmp(kind, "request") == 0) {
        tm_authn_request *req = NULL;
        tm_verify_saml_request_options *qo = tm_verify_saml_request_options_new();
        st = SET_COMMON(verify_saml_request, qo, now, policy, &err);
        if (st == TM_OK && o.destination != NULL) {
            st = tm_verify_saml_request_options_set_destination(qo, o.destination, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_request_options_set_profile(qo, o.profile, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_request_options_set_skew(qo, o.skew, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_request_options_set_max_age(qo, o.max_age, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_request((const uint8_t *)xml, len, trust, qo, &req, &err);
        }
        tm_verify_saml_request_options_free(qo);
        if (st == TM_OK) {
            snprintf(got, sizeof got, "ok %s", tm_authn_request_id(req));
            if (tm_authn_request_signature(req) == NULL || tm_signature_verified_at(tm_authn_request_signature(req)) != now) {
                snprintf(why, sizeof why, "verified, but the result's accessors are inconsistent");
                snprintf(got, sizeof got, "inconsistent");
            }
        }
        tm_authn_request_free(req);
    } else if (st == TM_OK) {
        snprintf(why, sizeof why, "unknown kind '%s'", kind);
        st = TM_INVALID_ARGUMENT;
    }
    if (st != TM_OK) {
        if (err != NULL) {
            snprintf(got, sizeof got, "%s", tm_error_code(err));
            snprintf(why, sizeof why, "%s", tm_error_message(err));
        } else {
            snprintf(got, sizeof got, "%s", tm_error_code_name(st));
        }
    }
    tally(id, expect, got, why);
    free(xml);
    free(opts);
    tm_error_free(err);
    tm_issuer_trust_free(trust);
}

enum { ENC_FIELDS = 10 };

/* The row whose decrypted parts are compared in full, beyond the NameID. */
#define ENC_DETAILED_ROW "xmlsec-oaep-sha1-aes256gcm-both"
static int enc_detailed_seen;

/* The `options` column of saml-encrypted-cases.tsv. */
struct enc_options {
    const char *profile, *signed_parts;
    int allow_legacy, decrypt_only;
};

/* Parses the options into `policy` and `o` (the strings point into `copy`, which the
 * caller frees); 0 on an unknown option. */
static int enc_options(struct policy *policy, char *copy, struct enc_options *o) {
    policy->allow_sha1 = 0;
    policy->allow_stale_crl = 0;
    policy->min_rsa_bits = 0;
    policy->crl_count = 0;
    o->profile = "generic";
    o->signed_parts = "any";
    o->allow_legacy = 0;
    o->decrypt_only = 0;
    if (strcmp(copy, "-") == 0) {
        return 1;
    }
    int ok = 1;
    char *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
        char *v = strchr(t, '=');
        if (v != NULL) {
            *v++ = '\0';
        }
        if (strcmp(t, "allow_sha1") == 0 && v == NULL) {
            policy->allow_sha1 = 1;
        } else if (strcmp(t, "allow_legacy_encryption") == 0 && v == NULL) {
            o->allow_legacy = 1;
        } else if (strcmp(t, "decrypt_only") == 0 && v == NULL) {
            o->decrypt_only = 1;
        } else if (strcmp(t, "min_rsa_bits") == 0 && v != NULL) {
            policy->min_rsa_bits = strtoll(v, NULL, 10);
        } else if (strcmp(t, "profile") == 0 && v != NULL && strcmp(v, "eidas") == 0) {
            o->profile = v;
        } else if (strcmp(t, "signed") == 0 && v != NULL
                   && (strcmp(v, "response") == 0 || strcmp(v, "assertion") == 0 || strcmp(v, "both") == 0)) {
            o->signed_parts = v;
        } else {
            ok = 0;
        }
    }
    return ok;
}

/* Adds each comma-separated PEM private key of `list` ("-" is none) to `keys`. */
static tm_status enc_keys(tm_decryption_keys *keys, const char *list, tm_error **err, char *why, size_t why_cap) {
    if (strcmp(list, "-") == 0) {
        return TM_OK;
    }
    char *copy = strdup(list);
    tm_status st = TM_OK;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item != NULL && st == TM_OK; item = strtok_r(NULL, ",", &save)) {
        char path[8192];
        resolve(item, path, sizeof path);
        size_t len = 0;
        unsigned char *bytes = read_file(path, &len);
        if (bytes == NULL) {
            snprintf(why, why_cap, "cannot read %s", path);
            st = TM_INVALID_ARGUMENT;
            break;
        }
        st = tm_decryption_keys_add_pem(keys, bytes, len, err);
        free(bytes);
    }
    free(copy);
    return st;
}

/* The text of the first NameID element of `xml`, trimmed, as the Rust runner reads it:
 * between the first '>' after the first "NameID" and the next '<'. "" if none. */
static void name_id_of(const char *xml, size_t len, char *out, size_t cap) {
    out[0] = '\0';
    const char *end = xml + len;
    const char *p = NULL;
    for (size_t i = 0; i + 6 <= len; i++) {
        if (memcmp(xml + i, "NameID", 6) == 0) {
            p = xml + i + 6;
            break;
        }
    }
    if (p == NULL) {
        return;
    }
    const char *gt = memchr(p, '>', (size_t)(end - p));
    if (gt == NULL) {
        return;
    }
    const char *start = gt + 1;
    const char *lt = memchr(start, '<', (size_t)(end - start));
    if (lt == NULL) {
        return;
    }
    while (start < lt && strchr(" \t\r\n", *start) != NULL) {
        start++;
    }
    while (lt > start && strchr(" \t\r\n", lt[-1]) != NULL) {
        lt--;
    }
    snprintf(out, cap, "%.*s", (int)(lt - start), start);
}

/* Whether a decrypted part's accessors answer, and its legacy flag matches its
 * algorithm (the CBC modes and Triple-DES are the legacy ones). */
static int part_is_sane(const tm_decrypted_part *part) {
    const char *element = tm_decrypted_part_element(part), *content = tm_decrypted_part_content_algorithm(part);
    return element != NULL && content != NULL && tm_decrypted_part_key_algorithm(part) != NULL
        && tm_decrypted_part_legacy(part) == (strstr(content, "-cbc") != NULL);
}

static void run_encrypted_case(char **f) {
    const char *id = f[0], *file = f[1], *trust_column = f[2], *at = f[3], *audience = f[4], *acs = f[5];
    const char *request_id = f[6], *keys_column = f[7], *expect = f[9];
    char got[1024] = "", why[9000] = "";
    tm_error *err = NULL;
    struct policy policy_, *policy = &policy_;
    char *opts = strdup(f[8]);
    struct enc_options o;
    int64_t now = 0;
    tm_trust_store *store = tm_trust_store_new();
    tm_issuer_trust *trust = NULL;
    tm_decryption_keys *keys = tm_decryption_keys_new();
    tm_status st = TM_OK;
    if (!enc_options(policy, opts, &o)) {
        snprintf(why, sizeof why, "bad options '%s'", f[8]);
        st = TM_INVALID_ARGUMENT;
    }
    if (st == TM_OK) {
        st = enc_keys(keys, keys_column, &err, why, sizeof why);
    }
    if (st == TM_OK) {
        st = load(store, trust_column, 0, &err, why, sizeof why);
    }
    if (st == TM_OK) {
        trust = tm_issuer_trust_new();
        st = tm_issuer_trust_set_any(trust, store, &err);
    }
    if (st == TM_OK) {
        st = tm_parse_rfc3339(at, &now, &err);
    }
    char *xml = NULL;
    size_t len = 0;
    if (st == TM_OK) {
        xml = saml_message(file, "xml", &len, &err, why, sizeof why);
        st = xml == NULL ? TM_INVALID_ARGUMENT : TM_OK;
    }
    if (st == TM_OK && o.decrypt_only) {
        tm_unverified_assertion *res = NULL;
        tm_decrypt_saml_assertion_options *dopts = tm_decrypt_saml_assertion_options_new();
        st = tm_decrypt_saml_assertion_options_set_allow_legacy_encryption(dopts, o.allow_legacy, &err);
        if (st == TM_OK) {
            st = tm_decrypt_saml_assertion((const uint8_t *)xml, len, keys, dopts, &res, &err);
        }
        tm_decrypt_saml_assertion_options_free(dopts);
        if (st == TM_OK) {
            size_t plain_len = 0;
            const char *plain = tm_unverified_assertion_xml(res, &plain_len);
            char name_id[512] = "";
            if (plain != NULL) {
                name_id_of(plain, plain_len, name_id, sizeof name_id);
            }
            snprintf(got, sizeof got, "ok %s", name_id);
            const tm_decrypted_part *part = tm_unverified_assertion_decrypted(res);
            if (plain == NULL || plain_len == 0 || !part_is_sane(part)
                || strcmp(tm_decrypted_part_element(part), "EncryptedAssertion") != 0) {
                snprintf(why, sizeof why, "decrypted, but the result's accessors are inconsistent");
                snprintf(got, sizeof got, "inconsistent");
            }
        }
        tm_unverified_assertion_free(res);
    } else if (st == TM_OK) {
        tm_replay_cache *cache = tm_replay_cache_new(16);
        tm_saml_response *res = NULL;
        tm_verify_saml_response_options *ro = tm_verify_saml_response_options_new();
        st = SET_COMMON(verify_saml_response, ro, now, policy, &err);
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_audience(ro, audience, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_acs(ro, acs, &err);
        }
        if (st == TM_OK && opt(request_id) != NULL) {
            st = tm_verify_saml_response_options_set_request_id(ro, request_id, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_profile(ro, o.profile, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_signed(ro, o.signed_parts, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_cache(ro, cache, &err);
        }
        /* Without keys the option stays absent: encrypted content is then refused as
         * unsupported, not as undecryptable. */
        if (st == TM_OK && tm_decryption_keys_count(keys) > 0) {
            st = tm_verify_saml_response_options_set_decrypt_keys(ro, keys, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response_options_set_allow_legacy_encryption(ro, o.allow_legacy, &err);
        }
        if (st == TM_OK) {
            st = tm_verify_saml_response((const uint8_t *)xml, len, trust, ro, &res, &err);
        }
        tm_verify_saml_response_options_free(ro);
        if (st == TM_OK) {
            const char *name_id = tm_saml_response_name_id(res);
            snprintf(got, sizeof got, "ok %s", name_id != NULL ? name_id : "");
            size_t parts = tm_saml_response_decrypted_count(res);
            int sane = parts > 0 && tm_saml_response_signatures_count(res) > 0 && tm_replay_cache_len(cache) == 1;
            for (size_t i = 0; sane && i < parts; i++) {
                sane = part_is_sane(tm_saml_response_decrypted(res, i));
            }
            if (strcmp(id, ENC_DETAILED_ROW) == 0) {
                const tm_decrypted_part *part = tm_saml_response_decrypted(res, 0);
                enc_detailed_seen = 1;
                sane = sane && parts == 1 && strcmp(tm_decrypted_part_element(part), "EncryptedAssertion") == 0
                    && strcmp(tm_decrypted_part_content_algorithm(part), "aes256-gcm") == 0
                    && strcmp(tm_decrypted_part_key_algorithm(part), "rsa-oaep-mgf1p") == 0
                    && !tm_decrypted_part_legacy(part);
            }
            if (!sane) {
                snprintf(why, sizeof why, "verified, but the result's decrypted parts or accessors are inconsistent");
                snprintf(got, sizeof got, "inconsistent");
            }
        }
        tm_saml_response_free(res);
        tm_replay_cache_free(cache);
    }
    if (st != TM_OK) {
        if (err != NULL) {
            snprintf(got, sizeof got, "%s", tm_error_code(err));
            snprintf(why, sizeof why, "%s", tm_error_message(err));
        } else {
            snprintf(got, sizeof got, "%s", tm_error_code_name(st));
        }
    }
    tally(id, expect, got, why);
    free(xml);
    free(opts);
    tm_error_free(err);
    tm_decryption_keys_free(keys);
    tm_issuer_trust_free(trust);
    tm_trust_store_free(store);
}

/* Runs `run` on every row of REPO/tests/conformance/`table` (header skipped); -1 if the
 * file cannot be read, else the number of rows. */
static int run_table(const char *table, int fields, void (*run)(char **)) {
    char cases[4096];
    snprintf(cases, sizeof cases, "%s/tests/conformance/%s", repo, table);
    FILE *tsv = fopen(cases, "r");
    if (tsv == NULL) {
        fprintf(stderr, "cannot open %s\n", cases);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0, rows = 0;
    while ((n = getline(&line, &cap, tsv)) != -1) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            line[--n] = '\0';
        }
        if (n == 0 || line[0] == '#') {
            continue;
        }
        char *f[16];
        int k = 0;
        char *p = line;
        for (; k < fields; k++) {
            f[k] = p;
            char *tab = strchr(p, '\t');
            if (tab == NULL) {
                k++;
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        if (k != fields) {
            check_failed++;
            printf("FAIL %s line %d: expected %d tab-separated fields, got %d\n", table, lineno, fields, k);
            continue;
        }
        if (lineno == 1) {
            continue; /* header */
        }
        rows++;
        run(f);
    }
    free(line);
    fclose(tsv);
    if (rows == 0) {
        printf("FAIL: no cases in %s\n", cases);
        check_failed++;
    }
    return rows;
}

static void run_dsig_case(char **f) {
    run_case(f);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
        return 2;
    }
    repo = argv[1];
    const char *env = getenv("TRUSTMETA_SHARED");
    if (env != NULL && env[0] != '\0') {
        snprintf(shared, sizeof shared, "%s", env);
    } else {
        snprintf(shared, sizeof shared, "%s/../shared", repo);
    }

    if (run_table("cases.tsv", FIELDS, run_dsig_case) < 0) {
        return 2;
    }
    int dsig_passed = check_passed, dsig_failed = check_failed;
    if (run_table("smp-cases.tsv", SMP_FIELDS, run_smp_case) < 0 || run_table("smp-names.tsv", NAME_FIELDS, run_name) < 0) {
        return 2;
    }
    printf("c-smp: %d passed, %d failed\n", check_passed - dsig_passed, check_failed - dsig_failed);
    int smp_passed = check_passed, smp_failed = check_failed;
    if (run_table("smp-redirects.tsv", REDIRECT_FIELDS, run_redirect_case) < 0) {
        return 2;
    }
    printf("c-smp-redirects: %d passed, %d failed\n", check_passed - smp_passed, check_failed - smp_failed);
    int redirects_passed = check_passed, redirects_failed = check_failed;
    if (run_table("saml-cases.tsv", SAML_FIELDS, run_saml_case) < 0) {
        return 2;
    }
    printf("c-saml: %d passed, %d failed\n", check_passed - redirects_passed, check_failed - redirects_failed);
    int saml_passed = check_passed, saml_failed = check_failed;
    if (run_table("saml-encrypted-cases.tsv", ENC_FIELDS, run_encrypted_case) < 0) {
        return 2;
    }
    /* The detailed comparison must not vanish with a renamed row. */
    if (!enc_detailed_seen) {
        check_failed++;
        printf("FAIL %s: no successful row with this id; its decrypted parts were not compared\n", ENC_DETAILED_ROW);
    }
    printf("c-saml-encrypted: %d passed, %d failed\n", check_passed - saml_passed, check_failed - saml_failed);
    return check_summary("c");
}
