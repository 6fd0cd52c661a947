#pragma once
// The server's certificate off loopback: given, or self-signed on first use (docs/security.md#tls).
#include <filesystem>
#include <string>
#include <vector>

namespace swelltrack::web {

struct CertificateFiles {
    std::filesystem::path cert, key;
};

/// Where a self-signed certificate for the database at `db` is kept: beside it, "<db>.tls-cert.pem"
/// and "<db>.tls-key.pem".
CertificateFiles self_signed_paths(const std::filesystem::path& db);

/// Makes a self-signed certificate (ECDSA P-256, SHA-256, valid 825 days) for `names` (host names
/// and IP addresses, in its subjectAltName) at `files`, both created 0600; returns true. When both
/// files exist already, leaves them as they are and returns false.
bool ensure_self_signed(const CertificateFiles& files, const std::vector<std::string>& names);

/// The SHA-256 fingerprint of the PEM certificate at `cert` as a phone shows it: "AB:CD:...".
/// std::runtime_error naming the file when it cannot be read.
std::string certificate_fingerprint(const std::filesystem::path& cert);

}  // namespace swelltrack::web
