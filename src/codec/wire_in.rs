//! Reading the wire as C++ does. protoc reads its input with the table-driven parser
//! (parse_context.h: tags of at most 5 bytes, sizes below 2 GiB, one depth budget of 100 shared
//! by groups and sub-messages); the text printer re-reads unknown length-delimited values with
//! `CodedInputStream` (coded_stream.cc: tags and sizes of up to 10 bytes, truncated to 32 bits).

/// Wire types.
pub use crate::descriptor::wire::{END_GROUP, FIXED32, FIXED64, LEN, START_GROUP, VARINT};

/// protoc's default recursion limit (`CodedInputStream::GetDefaultRecursionLimit`).
pub const RECURSION_LIMIT: i32 = 100;

/// Which of C++'s two readers is being copied.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    /// The table-driven parser (`ParseContext`): what `ParsePartialFromZeroCopyStream` uses.
    Table,
    /// `CodedInputStream`: what `UnknownFieldSet::ParseFromCodedStream` uses.
    Coded,
}

/// A position in a buffer, read forward.
pub struct Input<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
    pub flavor: Flavor,
}

impl<'a> Input<'a> {
    pub fn new(buf: &'a [u8], flavor: Flavor) -> Self {
        Input {
            buf,
            pos: 0,
            flavor,
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// A varint of at most `max_bytes` bytes, its bits past 64 dropped.
    fn varint_bytes(&mut self, max_bytes: usize) -> Option<u64> {
        let mut v = 0u64;
        for i in 0..max_bytes {
            let b = *self.buf.get(self.pos)?;
            self.pos += 1;
            if i < 10 {
                v |= ((b & 0x7f) as u64).wrapping_shl(7 * i as u32);
            }
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    /// A varint value (both readers: at most 10 bytes, bits past 64 dropped).
    pub fn varint(&mut self) -> Option<u64> {
        self.varint_bytes(10)
    }

    /// A tag, truncated to 32 bits: 5 bytes at most for the table parser, 10 for
    /// `CodedInputStream`. `None` when malformed.
    pub fn tag(&mut self) -> Option<u32> {
        let max = match self.flavor {
            Flavor::Table => 5,
            Flavor::Coded => 10,
        };
        self.varint_bytes(max).map(|v| v as u32)
    }

    /// A length prefix followed by that many bytes.
    pub fn len_delimited(&mut self) -> Option<&'a [u8]> {
        let len = match self.flavor {
            // `ReadSizeFallback`: 5 bytes, the last below 8, and not absurdly close to 2 GiB.
            Flavor::Table => {
                let start = self.pos;
                let v = self.varint_bytes(5)?;
                if self.pos - start == 5 && self.buf[self.pos - 1] >= 8 {
                    return None;
                }
                if v > (i32::MAX - 16) as u64 {
                    return None;
                }
                v as usize
            }
            // `ReadVarint32` then `ReadString(int)`: negative sizes fail.
            Flavor::Coded => {
                let v = self.varint()? as u32;
                if v > i32::MAX as u32 {
                    return None;
                }
                v as usize
            }
        };
        let end = self.pos.checked_add(len)?;
        let b = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(b)
    }

    pub fn fixed32(&mut self) -> Option<u32> {
        let b = self.buf.get(self.pos..self.pos + 4)?;
        self.pos += 4;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn fixed64(&mut self) -> Option<u64> {
        let b = self.buf.get(self.pos..self.pos + 8)?;
        self.pos += 8;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }
}
