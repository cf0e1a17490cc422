// The Content-Disposition header of a download, as RFC 6266 says for names
// that are not ASCII:
//   attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>
// Browsers that read filename* (all current ones) save the file under its
// Thai name; older clients take the fallback.
#pragma once

#include <string>
#include <string_view>

namespace itagap::web {

enum class Disposition { kAttachment, kInline };

// The header value for a file called `name` (UTF-8). Control characters
// (CR, LF, tab, ...) are dropped from both forms, so no header can be split.
// In the fallback every non-ASCII character, quote, backslash and % becomes '_'
// (runs of '_' become one). filename* percent-encodes every byte outside
// RFC 8187's attr-char.
std::string content_disposition(std::string_view name,
                                Disposition disposition = Disposition::kAttachment);

// The ASCII fallback alone (see above).
std::string ascii_file_name(std::string_view name);

}  // namespace itagap::web
