#pragma once

// Opens a .docx the way a person would: LibreOffice converts it to PDF (headless, with a private profile so that
// parallel tests do not share one), and pdftotext -layout extracts the text the PDF shows.

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace parindex::testing {

struct ConvertedText {
    bool ok = false;
    std::string text;   ///< The PDF's text (pdftotext -layout), when ok.
    std::string raw;    ///< The PDF's text in drawing order (pdftotext -raw): a table cell's lines stay together.
    std::string error;  ///< Why not, when !ok: a message saying what to do.
};

inline bool HaveProgram(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

inline std::string ReadWhole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

inline std::string Quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

/// Writes `docx` to `dir/name.docx`, converts it to `dir/name.pdf` with LibreOffice (at most 120 s) and returns
/// the PDF's text. Never skips: a missing soffice or pdftotext is an error saying to run scripts/install-deps.sh.
inline ConvertedText DocxToPdfText(const std::string& docx, const std::filesystem::path& dir, const std::string& name) {
    ConvertedText result;
    if (!HaveProgram("soffice")) {
        result.error =
            "LibreOffice (soffice) is not installed: run `bash scripts/install-deps.sh` (it installs "
            "libreoffice-writer-nogui, poppler-utils and the fonts listed in scripts/packages.txt)";
        return result;
    }
    if (!HaveProgram("pdftotext")) {
        result.error = "pdftotext is not installed: run `bash scripts/install-deps.sh` (package poppler-utils)";
        return result;
    }
    std::filesystem::create_directories(dir);
    const std::filesystem::path input = dir / (name + ".docx");
    const std::filesystem::path pdf = dir / (name + ".pdf");
    const std::filesystem::path text = dir / (name + ".txt");
    const std::filesystem::path log = dir / (name + ".log");
    {
        std::ofstream out(input, std::ios::binary);
        out.write(docx.data(), static_cast<std::streamsize>(docx.size()));
    }
    static std::atomic<int> counter{0};
    const std::filesystem::path profile =
        std::filesystem::temp_directory_path() /
        ("parindex-lo-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)));
    const std::string command = "timeout 120 soffice -env:UserInstallation=file://" + profile.string() +
                                " --headless --norestore --convert-to pdf --outdir " + Quote(dir.string()) + " " +
                                Quote(input.string()) + " >" + Quote(log.string()) + " 2>&1";
    const int status = std::system(command.c_str());
    std::error_code ignored;
    std::filesystem::remove_all(profile, ignored);
    if (status != 0 || !std::filesystem::exists(pdf)) {
        result.error = "LibreOffice could not convert " + input.string() + " (status " + std::to_string(status) +
                       "; 124 = the 120 s limit): " + ReadWhole(log);
        return result;
    }
    const std::string extract = "pdftotext -layout -enc UTF-8 " + Quote(pdf.string()) + " " + Quote(text.string()) +
                                " 2>" + Quote(log.string());
    if (std::system(extract.c_str()) != 0) {
        result.error = "pdftotext failed on " + pdf.string() + ": " + ReadWhole(log);
        return result;
    }
    result.text = ReadWhole(text);
    const std::string extract_raw =
        "pdftotext -raw -enc UTF-8 " + Quote(pdf.string()) + " " + Quote(text.string()) + " 2>" + Quote(log.string());
    if (std::system(extract_raw.c_str()) != 0) {
        result.error = "pdftotext -raw failed on " + pdf.string() + ": " + ReadWhole(log);
        return result;
    }
    result.raw = ReadWhole(text);
    result.ok = true;
    return result;
}

/// `text` with every run of spaces and line breaks made one space: table cells wrap over lines in the PDF.
inline std::string Squeezed(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace parindex::testing
