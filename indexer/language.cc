// language.cc: language detection with CLD2, behind a C function. No exception leaves it.
#include "config.h"

#include "indexer/language.h"

// CLD2's header uses FILE without including what declares it.
#include <cstdio>
#include <cstring>

#include <cld2/public/compact_lang_det.h>

namespace CLD2 {
// Declared in CLD2's internal lang_script.h, which its Debian package installs only with the
// internal headers; the function itself is exported by libcld2.
const char *LanguageCode(Language lang);
} // namespace CLD2

// How much of a text language detection reads.
static const size_t LANGUAGE_SAMPLE = 16384;

extern "C" int pdx_language_detect(const char *text, size_t len, char *out, size_t out_len)
{
	CLD2::Language top3[3];
	int percent3[3], text_bytes = 0;
	bool reliable = false;
	const char *code;

	if (!text || len < 20 || out_len < 8)
		return 0;
	try {
		// CLD2 needs at most a few kilobytes to be sure (it takes an int length): the
		// first 16 KiB, cut where a character starts.
		size_t n = len > LANGUAGE_SAMPLE ? LANGUAGE_SAMPLE : len;

		while (n < len && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80)
			n--;
		CLD2::Language lang = CLD2::DetectLanguageSummary(text, static_cast<int>(n), true,
								  top3, percent3,
								  &text_bytes, &reliable);

		if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE)
			return 0;
		code = CLD2::LanguageCode(lang);
		if (!code || std::strcmp(code, "un") == 0)
			return 0;
		// CLD2 says "zh" for Simplified Chinese and "zh-Hant" for Traditional.
		std::snprintf(out, out_len, "%s", std::strcmp(code, "zh") == 0 ? "zh-Hans" : code);
		return percent3[0] > 0 ? percent3[0] : 1;
	} catch (...) {
		return 0;
	}
}
