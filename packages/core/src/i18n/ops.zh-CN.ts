/** 审计检查点、备份与恢复的中文消息。 */
import type { opsEn } from './ops.en.js';

export const opsZh: Record<keyof typeof opsEn, string> = {
  'errors.AUDIT_KEY_MISSING': '未配置审计签名密钥：请将 KEPING_AUDIT_KEY_FILE 设为 Ed25519 私钥文件（可用“keping audit keygen --out 文件”生成，并存放在数据目录之外）',
  'errors.AUDIT_KEY_UNREADABLE': '无法读取审计签名密钥文件{{path}}',
  'errors.AUDIT_KEY_INVALID': '文件{{path}}不是 PEM 格式的 Ed25519 密钥',
  'errors.AUDIT_KEY_EXISTS': '文件{{path}}已存在：不会覆盖已有密钥',
  'errors.CHECKPOINT_FILE_INVALID': '文件{{path}}不是审计检查点',
  'errors.CHECKPOINT_SIGNATURE_INVALID': '检查点签名无效：检查点已被改动或伪造',
  'errors.CHECKPOINT_KEY_MISMATCH': '该检查点并非由本系统的审计签名密钥签署',
  'errors.CHECKPOINT_TRUNCATED': '审计链被截断：现止于第{{head}}条，而已签名的检查点证明曾有第{{sequence}}条',
  'errors.CHECKPOINT_ENTRY_MISSING': '检查点所证明的第{{sequence}}条审计记录已缺失（被删除）',
  'errors.CHECKPOINT_REWRITTEN': '审计链被改写：第{{sequence}}条记录的哈希与检查点签署的不一致',
  'errors.BACKUP_TARGET_NOT_EMPTY': '备份目录{{path}}不为空',
  'errors.BACKUP_TOOL_FAILED': '{{tool}}执行失败：{{detail}}',
  'errors.BACKUP_MANIFEST_INVALID': '{{path}}不存在或不是科评备份清单',
  'errors.BACKUP_PART_DAMAGED': '备份已损坏：{{part}}缺失或与清单中的 SHA-256 不符。未恢复任何内容',
  'errors.RESTORE_KEY_REQUIRED': '该备份创建时配置了审计签名密钥（指纹{{fingerprint}}）：请将 KEPING_AUDIT_KEY_FILE 设为该密钥',
  'errors.RESTORE_KEY_MISMATCH': 'KEPING_AUDIT_KEY_FILE 不是创建备份时使用的密钥（应为指纹{{expected}}，实为{{actual}}）。未恢复任何内容',
  'errors.RESTORE_KIND_MISMATCH': '这是{{backup}}备份，不能恢复到{{target}}数据库',
  'errors.RESTORE_TARGET_NOT_EMPTY': '恢复需要空的目标，而{{target}}不为空。未恢复任何内容',
  'errors.FILES_URL_INVALID': '{{variable}}={{value}} 不是可用的附件存储地址：请设为 file:///绝对路径 或 s3://存储桶[/前缀]?endpoint=http://主机:端口&region=…&forcePathStyle=true（不设置则附件存放在数据目录中）',
  'cli.checkpointOk': '已签名的检查点（第{{sequence}}条，{{at}}）仍在审计链中。',
  'cli.checkpointWritten': '已签署并公布第{{sequence}}条的检查点，并写入{{path}}。',
  'cli.keyGenerated': '签名密钥已写入{{path}}（仅所有者可读）。公钥指纹：{{fingerprint}}。请另存离线副本；备份中不包含密钥。',
  'cli.backupWritten': '备份已写入{{path}}：共{{parts}}个部分，{{megabytes}} MB。',
  'cli.restored': '已恢复{{createdAt}}的备份（{{parts}}个部分，均已核对 SHA-256）。',
};
