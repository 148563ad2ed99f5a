//===- Npy.cpp - Minimal .npy reader and writer ---------------------------===//
//
// Format reference: numpy/lib/format.py. A file is the magic "\x93NUMPY", a major and minor version byte,
// a little-endian header length (2 bytes in 1.0, 4 bytes in 2.0/3.0), an ASCII Python dict literal with the
// keys 'descr', 'fortran_order' and 'shape', then the raw element data.
//
//===----------------------------------------------------------------------===//

#include "Npy.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <limits>
#include <optional>

using namespace llvm;

namespace mlir::inductor::npy {

static constexpr char kMagic[] = "\x93NUMPY";
static constexpr size_t kMagicSize = 6;
static constexpr size_t kAlignment = 64;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

AlignedBuffer::AlignedBuffer(size_t numBytes) : numBytes(numBytes) {
  // aligned_alloc wants a size that is a multiple of the alignment; never ask for 0 bytes.
  size_t allocSize = std::max<size_t>(kAlignment, (numBytes + kAlignment - 1) / kAlignment * kAlignment);
  storage.reset(static_cast<char *>(std::aligned_alloc(kAlignment, allocSize)));
  if (storage)
    std::memset(storage.get(), 0, allocSize);
  else
    this->numBytes = 0;
}

size_t getDescrByteWidth(StringRef descr) {
  unsigned width = 0;
  if (descr.size() < 3 || descr.drop_front(2).getAsInteger(10, width))
    return 0;
  return width;
}

int64_t Array::getNumElements() const {
  int64_t numElements = 1;
  for (int64_t dim : shape)
    numElements *= dim;
  return numElements;
}

size_t Array::getElementByteWidth() const { return getDescrByteWidth(descr); }

Expected<int64_t> getNumElements(ArrayRef<int64_t> shape) {
  // Keep the byte size representable too (elements are at most 8 bytes).
  constexpr int64_t kMaxElements = std::numeric_limits<int64_t>::max() / 16;
  int64_t numElements = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return makeError("negative dimension in shape " + formatShape(shape));
    if (dim != 0 && numElements > kMaxElements / dim)
      return makeError("shape " + formatShape(shape) + " is too large");
    numElements *= dim;
  }
  return numElements;
}

Expected<Array> makeArray(StringRef descr, ArrayRef<int64_t> shape) {
  Expected<int64_t> numElements = getNumElements(shape);
  if (!numElements)
    return numElements.takeError();
  Array array;
  array.descr = descr.str();
  array.shape.assign(shape.begin(), shape.end());
  size_t numBytes = static_cast<size_t>(*numElements) * getDescrByteWidth(descr);
  array.data = AlignedBuffer(numBytes);
  if (!array.data.data())
    return makeError("cannot allocate " + Twine(numBytes) + " bytes for shape " + formatShape(shape));
  return array;
}

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string result;
  raw_string_ostream os(result);
  os << '[';
  interleaveComma(shape, os);
  os << ']';
  return result;
}

namespace {
/// Parses the header dict literal. Python writes it with repr(), so only strings, booleans, integers and
/// tuples of integers can appear.
class HeaderParser {
public:
  explicit HeaderParser(StringRef text) : text(text) {}

  Error parse(std::string &descr, bool &fortranOrder, SmallVectorImpl<int64_t> &shape) {
    bool sawDescr = false, sawFortranOrder = false, sawShape = false;
    if (!consume('{'))
      return fail("expected '{'");
    while (!consume('}')) {
      std::optional<std::string> key = parseString();
      if (!key)
        return fail("expected a quoted key");
      if (!consume(':'))
        return fail("expected ':' after '" + *key + "'");
      if (*key == "descr") {
        std::optional<std::string> value = parseString();
        if (!value)
          return fail("'descr' must be a simple dtype string (structured dtypes are not supported)");
        descr = *value;
        sawDescr = true;
      } else if (*key == "fortran_order") {
        std::optional<bool> value = parseBool();
        if (!value)
          return fail("'fortran_order' must be True or False");
        fortranOrder = *value;
        sawFortranOrder = true;
      } else if (*key == "shape") {
        if (!parseShape(shape))
          return fail("'shape' must be a tuple of non-negative integers");
        sawShape = true;
      } else {
        return fail("unexpected key '" + *key + "'");
      }
      if (!consume(',')) {
        if (!consume('}'))
          return fail("expected ',' or '}'");
        break;
      }
    }
    if (!sawDescr || !sawFortranOrder || !sawShape)
      return fail("missing 'descr', 'fortran_order' or 'shape'");
    return Error::success();
  }

private:
  Error fail(const Twine &message) { return makeError("malformed .npy header: " + message); }

  void skipSpace() { text = text.ltrim(); }

  bool consume(char c) {
    skipSpace();
    if (!text.consume_front(StringRef(&c, 1)))
      return false;
    return true;
  }

  std::optional<std::string> parseString() {
    skipSpace();
    if (text.empty() || (text.front() != '\'' && text.front() != '"'))
      return std::nullopt;
    char quote = text.front();
    size_t end = text.find(quote, 1);
    if (end == StringRef::npos)
      return std::nullopt;
    std::string value = text.slice(1, end).str();
    text = text.drop_front(end + 1);
    return value;
  }

  std::optional<bool> parseBool() {
    skipSpace();
    if (text.consume_front("True"))
      return true;
    if (text.consume_front("False"))
      return false;
    return std::nullopt;
  }

  std::optional<int64_t> parseInteger() {
    skipSpace();
    size_t numDigits = 0;
    while (numDigits < text.size() && isDigit(text[numDigits]))
      ++numDigits;
    int64_t value;
    if (numDigits == 0 || text.take_front(numDigits).getAsInteger(10, value))
      return std::nullopt;
    text = text.drop_front(numDigits);
    text.consume_front("L"); // Python 2 longs.
    return value;
  }

  bool parseShape(SmallVectorImpl<int64_t> &shape) {
    if (!consume('('))
      return false;
    while (!consume(')')) {
      std::optional<int64_t> dim = parseInteger();
      if (!dim)
        return false;
      shape.push_back(*dim);
      if (!consume(',')) {
        if (!consume(')'))
          return false;
        break;
      }
    }
    return true;
  }

  StringRef text;
};
} // namespace

/// Normalizes a NumPy descriptor to '<' for multi-byte and '|' for single-byte types.
static Expected<std::string> normalizeDescr(StringRef descr) {
  if (descr.size() < 3 || !StringRef("<>|=").contains(descr[0]) || !isAlpha(descr[1]) ||
      getDescrByteWidth(descr) == 0)
    return makeError("unsupported .npy dtype '" + descr + "'");
  size_t width = getDescrByteWidth(descr);
  char order = descr[0];
  if (width == 1)
    order = '|';
  else if (order == '=') // Native order; every target we run on is little-endian.
    order = '<';
  if (order != '<' && order != '|')
    return makeError("big-endian .npy dtype '" + descr + "' is not supported; convert with "
                     "arr.astype(arr.dtype.newbyteorder('<'))");
  return (Twine(order) + descr.drop_front()).str();
}

Expected<Array> parse(StringRef contents) {
  if (contents.size() < kMagicSize + 4 || !contents.starts_with(StringRef(kMagic, kMagicSize)))
    return makeError("not a .npy file (bad magic)");
  unsigned major = static_cast<uint8_t>(contents[6]);
  size_t headerStart, headerLen;
  auto byteAt = [&](size_t i) { return static_cast<size_t>(static_cast<uint8_t>(contents[i])); };
  if (major == 1) {
    headerStart = 10;
    headerLen = byteAt(8) | byteAt(9) << 8;
  } else if (major == 2 || major == 3) {
    if (contents.size() < 12)
      return makeError("truncated .npy header");
    headerStart = 12;
    headerLen = byteAt(8) | byteAt(9) << 8 | byteAt(10) << 16 | byteAt(11) << 24;
  } else {
    return makeError("unsupported .npy format version " + Twine(major));
  }
  if (contents.size() < headerStart + headerLen)
    return makeError("truncated .npy header");

  std::string rawDescr;
  bool fortranOrder = false;
  SmallVector<int64_t> shape;
  HeaderParser parser(contents.substr(headerStart, headerLen));
  if (Error error = parser.parse(rawDescr, fortranOrder, shape))
    return std::move(error);
  if (fortranOrder)
    return makeError("Fortran-order (column-major) arrays are not supported; save a C-order array "
                     "(np.ascontiguousarray)");
  Expected<std::string> descr = normalizeDescr(rawDescr);
  if (!descr)
    return descr.takeError();

  // Check the payload size before allocating, so a corrupt header cannot ask for huge memory.
  Expected<int64_t> numElements = getNumElements(shape);
  if (!numElements)
    return numElements.takeError();
  StringRef payload = contents.drop_front(headerStart + headerLen);
  size_t expectedBytes = static_cast<size_t>(*numElements) * getDescrByteWidth(*descr);
  if (payload.size() < expectedBytes)
    return makeError("truncated .npy data: shape " + formatShape(shape) + " of '" + *descr + "' needs " +
                     Twine(expectedBytes) + " bytes, file has " + Twine(payload.size()));
  Expected<Array> array = makeArray(*descr, shape);
  if (!array)
    return array.takeError();
  std::memcpy(array->data.data(), payload.data(), expectedBytes);
  return array;
}

Expected<Array> readFile(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (std::error_code ec = buffer.getError())
    return makeError("cannot read file: " + ec.message());
  return parse((*buffer)->getBuffer());
}

Error writeFile(StringRef path, const Array &array) {
  std::string header;
  raw_string_ostream os(header);
  os << "{'descr': '" << array.descr << "', 'fortran_order': False, 'shape': (";
  for (int64_t dim : array.shape)
    os << dim << (array.shape.size() == 1 ? "," : ", ");
  if (array.shape.size() > 1)
    header.resize(header.size() - 2);
  os << "), }";
  // Pad with spaces so that the data starts at a multiple of 64 bytes, and end with a newline.
  bool needsV2 = header.size() + 11 > 65535;
  size_t prefixSize = needsV2 ? 12 : 10;
  size_t total = (prefixSize + header.size() + 1 + kAlignment - 1) / kAlignment * kAlignment;
  header.append(total - prefixSize - header.size() - 1, ' ');
  header.push_back('\n');

  std::error_code ec;
  raw_fd_ostream file(path, ec, sys::fs::OF_None);
  if (ec)
    return makeError("cannot write '" + path + "': " + ec.message());
  file.write(kMagic, kMagicSize);
  file << static_cast<char>(needsV2 ? 2 : 1) << static_cast<char>(0);
  size_t headerLen = header.size();
  file << static_cast<char>(headerLen & 0xff) << static_cast<char>((headerLen >> 8) & 0xff);
  if (needsV2)
    file << static_cast<char>((headerLen >> 16) & 0xff) << static_cast<char>((headerLen >> 24) & 0xff);
  file << header;
  file.write(array.data.data(), array.data.size());
  file.close();
  if (file.has_error()) {
    file.clear_error();
    return makeError("cannot write '" + path + "'");
  }
  return Error::success();
}

} // namespace mlir::inductor::npy
