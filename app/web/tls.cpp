// A self-signed certificate and its fingerprint, with OpenSSL (tls.h).
#include "tls.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace swelltrack::web {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("TLS certificate: " + what); }

bool is_ip(const std::string& name) {
    unsigned char buf[16];
    return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

/// A new file, owner-only from the first byte (O_EXCL: never through a planted link).
std::unique_ptr<FILE, int (*)(FILE*)> create_private(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) fail("cannot create " + path.string());
    FILE* f = fdopen(fd, "w");
    if (!f) {
        ::close(fd);
        fail("cannot write " + path.string());
    }
    return {f, &fclose};
}

void add_extension(X509* cert, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    if (!ext || !X509_add_ext(cert, ext.get(), -1)) fail("cannot add extension " + value);
}

}  // namespace

CertificateFiles self_signed_paths(const std::filesystem::path& db) {
    return {db.string() + ".tls-cert.pem", db.string() + ".tls-key.pem"};
}

bool ensure_self_signed(const CertificateFiles& files, const std::vector<std::string>& names) {
    if (std::filesystem::exists(files.cert) && std::filesystem::exists(files.key)) return false;
    Key key(EVP_EC_gen("P-256"));
    if (!key) fail("cannot make a key");
    Cert cert(X509_new());
    if (!cert) fail("out of memory");
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) fail("no randomness for a serial number");
    serial[0] &= 0x7F;  // positive
    std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> bn(BN_bin2bn(serial, sizeof serial, nullptr));
    BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 825L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    auto* subject = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("swelltrack"), -1,
                               -1, 0);
    const std::string cn = names.empty() ? "swelltrack" : names.front();
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), subject);
    std::string alt;
    for (const auto& n : names) alt += (alt.empty() ? "" : ",") + std::string(is_ip(n) ? "IP:" : "DNS:") + n;
    if (!alt.empty()) add_extension(cert.get(), NID_subject_alt_name, alt);
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
    if (!X509_sign(cert.get(), key.get(), EVP_sha256())) fail("cannot sign");

    std::filesystem::remove(files.cert);  // one without the other is of no use: make both afresh
    std::filesystem::remove(files.key);
    {
        auto f = create_private(files.key);
        if (!PEM_write_PrivateKey(f.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
            fail("cannot write " + files.key.string());
    }
    {
        auto f = create_private(files.cert);
        if (!PEM_write_X509(f.get(), cert.get())) fail("cannot write " + files.cert.string());
    }
    return true;
}

std::string certificate_fingerprint(const std::filesystem::path& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "r"), &fclose);
    if (!f) fail("cannot read " + path.string());
    Cert cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
    if (!cert) fail(path.string() + " is not a PEM certificate");
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (!X509_digest(cert.get(), EVP_sha256(), md, &n)) fail("cannot hash " + path.string());
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned i = 0; i < n; ++i) {
        if (i) out += ':';
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

}  // namespace swelltrack::web
