-- The journal and its audit chain are append-only: refuse UPDATE and DELETE whoever sends them.
CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_entry is append-only';
CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_entry is append-only';
CREATE TRIGGER ledger_line_no_update BEFORE UPDATE ON ledger_line FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_line is append-only';
CREATE TRIGGER ledger_line_no_delete BEFORE DELETE ON ledger_line FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_line is append-only';
CREATE TRIGGER ledger_entry_reference_no_update BEFORE UPDATE ON ledger_entry_reference FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_entry_reference is append-only';
CREATE TRIGGER ledger_entry_reference_no_delete BEFORE DELETE ON ledger_entry_reference FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_entry_reference is append-only';
CREATE TRIGGER ledger_chain_link_no_update BEFORE UPDATE ON ledger_chain_link FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_chain_link is append-only';
CREATE TRIGGER ledger_chain_link_no_delete BEFORE DELETE ON ledger_chain_link FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger_chain_link is append-only';
