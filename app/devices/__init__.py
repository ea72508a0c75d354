"""Counter hardware: receipt printers, card readers, cash drawer, customer display."""
